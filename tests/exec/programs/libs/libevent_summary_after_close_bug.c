// libevent 2.1 with threads, as libevent_workers_done_ok.c: a worker writes
// records into a socket pair and closes it as its "done" signal, another
// hands a job over with event_active. The bug: the writer stores its
// summary after the close, and the loop, at the end of file, reads it.
// weft-exec-expect: data_race
#include <event2/event.h>
#include <event2/thread.h>
#include <event2/util.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

static evutil_socket_t pair[2];
static struct event_base* base;
static struct event* job_ready;
static int records_sum, summary;  // the writer's
static int job[4];                // the other worker's
static int received_sum, pending = 2;  // the loop's

static void one_in(void) {
  if (--pending == 0) event_base_loopbreak(base);
}

static void on_records(evutil_socket_t fd, short what, void* arg) {
  (void)what;
  int value;
  const ssize_t got = recv(fd, &value, sizeof value, MSG_WAITALL);
  if (got == (ssize_t)sizeof value) {
    received_sum += value;
    return;
  }
  if (got != 0) abort();  // the end of file: the writer is done
  if (summary != received_sum || records_sum != received_sum) abort();
  event_del((struct event*)arg);
  one_in();
}

static void on_job(evutil_socket_t fd, short what, void* arg) {
  (void)fd, (void)what, (void)arg;
  if (job[0] + job[1] + job[2] + job[3] != 10) abort();
  one_in();
}

static void* writer(void* arg) {
  (void)arg;
  for (int value = 1; value <= 3; ++value) {
    records_sum += value;
    if (send(pair[1], &value, sizeof value, 0) != (ssize_t)sizeof value) abort();
  }
  close(pair[1]);
  summary = records_sum;  // too late: the loop may have seen the end of file
  return NULL;
}

static void* producer(void* arg) {
  (void)arg;
  for (int i = 0; i < 4; ++i) job[i] = i + 1;
  event_active(job_ready, EV_READ, 0);
  return NULL;
}

int main(void) {
  if (evthread_use_pthreads() != 0) return 2;
  base = event_base_new();
  if (base == NULL || evutil_socketpair(AF_UNIX, SOCK_STREAM, 0, pair) != 0) return 2;
  struct event* records = event_new(base, pair[0], EV_READ | EV_PERSIST, on_records, event_self_cbarg());
  event_add(records, NULL);
  job_ready = event_new(base, -1, 0, on_job, NULL);
  pthread_t threads[2];
  pthread_create(&threads[0], NULL, writer, NULL);
  pthread_create(&threads[1], NULL, producer, NULL);
  event_base_loop(base, EVLOOP_NO_EXIT_ON_EMPTY);
  for (int i = 0; i < 2; ++i) pthread_join(threads[i], NULL);
  event_free(records);
  event_free(job_ready);
  evutil_closesocket(pair[0]);
  event_base_free(base);
  return pending == 0 ? 0 : 1;
}
