// An event loop's timer armed for an absolute time: after a start-up
// delay, the loop reads the monotonic clock and arms a timerfd
// (TFD_TIMER_ABSTIME) for 10 ms later, then reads it. Under weft exec the
// clock is logical, far ahead of the real one after the delay: the real
// timer was armed for that logical time and the read waited about 100 s of
// real time (a "hang" on a correct program). Correct.
// weft-exec-expect: clean
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

static int ticks = 0;

static void* loop(void* arg) {
  (void)arg;
  const int timer = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
  if (timer < 0) return NULL;
  struct itimerspec when = {{0, 0}, {0, 0}};
  clock_gettime(CLOCK_MONOTONIC, &when.it_value);
  when.it_value.tv_nsec += 10 * 1000 * 1000;
  if (when.it_value.tv_nsec >= 1000000000L) {
    when.it_value.tv_nsec -= 1000000000L;
    ++when.it_value.tv_sec;
  }
  uint64_t expired = 0;
  if (timerfd_settime(timer, TFD_TIMER_ABSTIME, &when, NULL) == 0 &&
      read(timer, &expired, sizeof expired) == sizeof expired)
    ticks = (int)expired;
  close(timer);
  return NULL;
}

int main(void) {
  sleep(100);  // start-up delay: logical time is now far ahead of the real clock
  pthread_t t;
  if (pthread_create(&t, NULL, loop, NULL) != 0) return 1;
  pthread_join(t, NULL);
  printf("%d\n", ticks);
  return ticks == 1 ? 0 : 1;
}
