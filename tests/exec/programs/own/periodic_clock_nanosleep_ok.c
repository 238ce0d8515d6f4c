// A periodic worker as embedded and real-time C code writes it: read the
// monotonic clock once, then clock_nanosleep(TIMER_ABSTIME) until the start
// of each next period; a relative clock_nanosleep for a short pause. The
// main thread first sleeps a long while (a start-up delay). Under weft exec
// time is logical: the absolute deadlines are in logical time, far ahead of
// the real clock after the long sleep, and the real clock_nanosleep slept
// until them in real time (a "hang" finding on a correct program). Correct.
// weft-exec-expect: clean
#include <pthread.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int ticks = 0;

static void* periodic(void* arg) {
  (void)arg;
  struct timespec next;
  clock_gettime(CLOCK_MONOTONIC, &next);
  for (int period = 0; period < 3; ++period) {
    next.tv_nsec += 10 * 1000 * 1000;  // every 10 ms
    if (next.tv_nsec >= 1000000000L) {
      next.tv_nsec -= 1000000000L;
      ++next.tv_sec;
    }
    if (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL) != 0) return NULL;
    pthread_mutex_lock(&lock);
    ++ticks;
    pthread_mutex_unlock(&lock);
  }
  return NULL;
}

int main(void) {
  sleep(100);  // start-up delay: logical time is now far ahead of the real clock
  pthread_t worker;
  if (pthread_create(&worker, NULL, periodic, NULL) != 0) return 1;
  const struct timespec pause = {0, 5 * 1000 * 1000};
  clock_nanosleep(CLOCK_REALTIME, 0, &pause, NULL);
  pthread_join(worker, NULL);
  printf("%d\n", ticks);
  return ticks == 3 ? 0 : 1;
}
