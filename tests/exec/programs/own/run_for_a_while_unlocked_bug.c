// The timed stress loop's twin that counts without the lock: the counter's
// increments race (and on real threads some are lost). Buggy.
// weft-exec-expect: data_race
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <time.h>

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
    ++rounds;
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
  return 0;
}
