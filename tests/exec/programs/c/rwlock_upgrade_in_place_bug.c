// A lazily filled cache behind a pthread rwlock: a reader that finds it
// empty takes the write lock to fill it while still holding its read lock,
// as if the read lock could be upgraded in place. glibc's wrlock then waits
// for every reader to leave, itself included: the thread deadlocks on
// itself, whatever the schedule (weft called it a "stuck" lost wakeup
// blaming main's join before its wait-for graph counted the thread's own
// read lock).
// weft-exec-expect: deadlock
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>

static pthread_rwlock_t cache_lock = PTHREAD_RWLOCK_INITIALIZER;
static int cache_valid;
static int cached;

static int expensive_lookup(void) { return 42; }

static void* lookup(void* arg) {
  int* out = arg;
  pthread_rwlock_rdlock(&cache_lock);
  if (!cache_valid) {
    pthread_rwlock_wrlock(&cache_lock);  // BUG: still holding the read lock
    cached = expensive_lookup();
    cache_valid = 1;
    pthread_rwlock_unlock(&cache_lock);
  }
  *out = cached;
  pthread_rwlock_unlock(&cache_lock);
  return NULL;
}

int main(void) {
  int results[2];
  pthread_t a, b;
  pthread_create(&a, NULL, lookup, &results[0]);
  pthread_create(&b, NULL, lookup, &results[1]);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("%d %d\n", results[0], results[1]);
  return 0;
}
