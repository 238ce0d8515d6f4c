// The loop of stress tests and benchmarks: each worker runs for half a
// second by the monotonic clock, taking a lock, counting, and yielding in
// every round. Under weft exec time is logical and each clock read moved it
// 1 us (there are scheduling points between the reads): half a second took
// half a million rounds, and the execution ran into the step ceiling, a
// "livelock" on a correct program. Correct.
// weft-exec-expect: clean
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <time.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long rounds = 0;

static double seconds_now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void* worker(void* arg) {
  (void)arg;
  const double until = seconds_now() + 0.5;
  while (seconds_now() < until) {
    pthread_mutex_lock(&lock);
    ++rounds;
    pthread_mutex_unlock(&lock);
    sched_yield();
  }
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, worker, NULL);
  pthread_create(&b, NULL, worker, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("%ld rounds\n", rounds);
  return rounds > 0 ? 0 : 1;
}
