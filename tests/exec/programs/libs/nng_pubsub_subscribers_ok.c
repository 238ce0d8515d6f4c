// NNG (libnng-dev): a publisher and two subscribers over inproc, each
// subscriber on a thread of NNG's (nng_thread_create). The publisher
// sends until both have a message (pub/sub drops what no one waits for);
// each subscriber checks the message, frees it and counts itself done
// under an nng_mtx. NNG hands each subscriber its own reference to one
// message and copies it on its own task threads, ordered by a reference
// count inside libnng.
// weft-exec-expect: clean
#include <nng/nng.h>
#include <nng/protocol/pubsub0/pub.h>
#include <nng/protocol/pubsub0/sub.h>
#include <nng/supplemental/util/platform.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static nng_mtx* lock;
static int done;
static nng_socket subscribers[2];

static void fail(const char* what, int rv) {
  fprintf(stderr, "%s: %s\n", what, nng_strerror(rv));
  exit(1);
}

static void subscribe(void* arg) {
  nng_msg* m;
  int rv = nng_recvmsg(subscribers[(long)arg], &m, 0);
  if (rv != 0) fail("nng_recvmsg", rv);
  const int good = nng_msg_len(m) == 8 && memcmp(nng_msg_body(m), "reading1", 8) == 0;
  nng_msg_free(m);
  nng_mtx_lock(lock);
  done += good ? 1 : 100;
  nng_mtx_unlock(lock);
}

int main(void) {
  nng_socket publisher;
  int rv;
  nng_mtx_alloc(&lock);
  if ((rv = nng_pub0_open(&publisher)) != 0) fail("nng_pub0_open", rv);
  if ((rv = nng_listen(publisher, "inproc://readings", NULL, 0)) != 0) fail("nng_listen", rv);
  for (int i = 0; i < 2; ++i) {
    if ((rv = nng_sub0_open(&subscribers[i])) != 0) fail("nng_sub0_open", rv);
    if ((rv = nng_socket_set(subscribers[i], NNG_OPT_SUB_SUBSCRIBE, "", 0)) != 0) fail("subscribe", rv);
    if ((rv = nng_dial(subscribers[i], "inproc://readings", NULL, 0)) != 0) fail("nng_dial", rv);
  }
  nng_thread* threads[2];
  for (long i = 0; i < 2; ++i) nng_thread_create(&threads[i], subscribe, (void*)i);
  for (;;) {
    nng_mtx_lock(lock);
    const int now = done;
    nng_mtx_unlock(lock);
    if (now >= 2) break;
    nng_msg* m;
    nng_msg_alloc(&m, 0);
    nng_msg_append(m, "reading1", 8);
    if ((rv = nng_sendmsg(publisher, m, 0)) != 0) fail("nng_sendmsg", rv);
    nng_msleep(1);
  }
  for (int i = 0; i < 2; ++i) nng_thread_destroy(threads[i]);
  for (int i = 0; i < 2; ++i) nng_close(subscribers[i]);
  nng_close(publisher);
  nng_mtx_free(lock);
  return done == 2 ? 0 : 1;
}
