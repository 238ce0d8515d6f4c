// timerfd as a plain blocking timer: main reads a timerfd that a worker arms
// (absolute, 3 s ahead by the monotonic clock) after publishing a result
// under a lock; the read waits until then and answers one expiration. Then
// a periodic 1 s timer read after 3.5 s of sleep answers 3 expirations, and
// timerfd_gettime says what is left. Correct.
// weft-exec-expect: clean
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int result = 0;
static int deadline_timer = -1;

static void* worker(void* arg) {
  (void)arg;
  pthread_mutex_lock(&lock);
  result = 42;
  pthread_mutex_unlock(&lock);
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  struct itimerspec at = {.it_value = {now.tv_sec + 3, now.tv_nsec}};
  timerfd_settime(deadline_timer, TFD_TIMER_ABSTIME, &at, NULL);
  return NULL;
}

static int fail(const char* what) {
  fprintf(stderr, "%s\n", what);
  return 1;
}

int main(void) {
  deadline_timer = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);  // disarmed: a read waits
  pthread_t thread;
  pthread_create(&thread, NULL, worker, NULL);
  uint64_t expirations = 0;
  if (read(deadline_timer, &expirations, sizeof expirations) != sizeof expirations || expirations != 1)
    return fail("the deadline timer did not expire once");
  pthread_join(thread, NULL);
  pthread_mutex_lock(&lock);
  const int seen = result;
  pthread_mutex_unlock(&lock);
  if (seen != 42) return fail("no result");

  const int periodic = timerfd_create(CLOCK_MONOTONIC, 0);
  const struct itimerspec every_second = {.it_interval = {1, 0}, .it_value = {1, 0}};
  timerfd_settime(periodic, 0, &every_second, NULL);
  usleep(3500 * 1000);
  if (read(periodic, &expirations, sizeof expirations) != sizeof expirations || expirations != 3)
    return fail("3.5 s of a 1 s timer did not give 3 expirations");
  struct itimerspec left;
  timerfd_gettime(periodic, &left);
  if (left.it_interval.tv_sec != 1 || left.it_value.tv_sec != 0 || left.it_value.tv_nsec == 0)
    return fail("timerfd_gettime: not what is left of the period");
  const struct itimerspec off = {{0, 0}, {0, 0}};
  timerfd_settime(periodic, 0, &off, NULL);
  timerfd_gettime(periodic, &left);
  if (left.it_value.tv_sec != 0 || left.it_value.tv_nsec != 0) return fail("disarmed, yet something is left");
  close(periodic);
  close(deadline_timer);
  puts("timers fired as set");
  return 0;
}
