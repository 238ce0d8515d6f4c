// A configuration read under a rwlock whose writers go first (glibc's
// PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP, chosen so that a stream of
// readers cannot starve the writer). A reader's helper takes the read lock
// again while its caller still holds it: once the writer waits between the
// two, the second read lock waits behind the writer, which waits for the
// first to go. A deadlock on real threads (glibc's default rwlock lets the
// reader in; the "nonrecursive" in the name is this rule), passed by weft
// before it read the rwlock's kind.
// weft-exec-expect: deadlock
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>

static pthread_rwlock_t config_lock;
static int limit = 10;
static int burst = 2;

static int current_burst(void) {
  pthread_rwlock_rdlock(&config_lock);  // again: the caller holds it already
  const int b = burst;
  pthread_rwlock_unlock(&config_lock);
  return b;
}

static int allowance(void) {
  pthread_rwlock_rdlock(&config_lock);
  const int total = limit + current_burst();
  pthread_rwlock_unlock(&config_lock);
  return total;
}

static void* reader(void* arg) {
  int* sum = arg;
  for (int i = 0; i < 2; ++i) *sum += allowance();
  return NULL;
}

static void* reconfigure(void* arg) {
  (void)arg;
  pthread_rwlock_wrlock(&config_lock);
  limit = 20;
  burst = 4;
  pthread_rwlock_unlock(&config_lock);
  return NULL;
}

int main(void) {
  pthread_rwlockattr_t attr;
  pthread_rwlockattr_init(&attr);
  pthread_rwlockattr_setkind_np(&attr, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
  pthread_rwlock_init(&config_lock, &attr);
  pthread_rwlockattr_destroy(&attr);
  int sum = 0;
  pthread_t r, w;
  pthread_create(&r, NULL, reader, &sum);
  pthread_create(&w, NULL, reconfigure, NULL);
  pthread_join(r, NULL);
  pthread_join(w, NULL);
  pthread_rwlock_destroy(&config_lock);
  printf("allowance total %d\n", sum);
  return 0;
}
