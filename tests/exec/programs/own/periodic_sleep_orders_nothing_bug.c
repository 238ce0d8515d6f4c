// The periodic worker's twin that counts on timing: main sets the period's
// limit after starting the worker and trusts the worker to read it only
// after its first clock_nanosleep. A sleep orders nothing: the read races
// with the write (and on a loaded machine reads the old value). Buggy.
// weft-exec-expect: data_race
#include <pthread.h>
#include <stdio.h>
#include <time.h>

static int limit = 0;

static void* periodic(void* arg) {
  (void)arg;
  struct timespec next;
  clock_gettime(CLOCK_MONOTONIC, &next);
  next.tv_sec += 1;  // "main is done by then"
  clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL);
  return (void*)(long)limit;
}

int main(void) {
  pthread_t worker;
  if (pthread_create(&worker, NULL, periodic, NULL) != 0) return 1;
  limit = 3;  // no lock, no atomic: only the worker's sleep stands between
  void* seen = NULL;
  pthread_join(worker, &seen);
  printf("%ld\n", (long)seen);
  return 0;
}
