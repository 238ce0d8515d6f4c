// Two workers count events in a local batch and hand it to a shared total
// under a mutex whenever enough processor cycles (rdtsc) have passed since
// their last hand-over, the way a metrics thread paces itself; main first
// installs a SIGSEGV crash reporter, as daemons do. How many hand-overs
// there are depends on the cycle counter: weft answers it with logical
// time, the same in every replay. Correct: every hand-over is locked.
// weft-exec-expect: clean
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <x86intrin.h>

enum { events = 40 };
static const unsigned long long pace = 30000;  // cycles between hand-overs

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static long total;
static int handovers;

static void crash_reporter(int sig) {
  static const char text[] = "fatal signal: the crash reporter writes its report\n";
  (void)sig;
  (void)!write(2, text, sizeof text - 1);
  _exit(70);
}

static void *worker(void *arg) {
  (void)arg;
  long batch = 0;
  unsigned long long last = __rdtsc();
  for (int i = 0; i < events; ++i) {
    ++batch;
    if (__rdtsc() - last >= pace || i + 1 == events) {
      pthread_mutex_lock(&lock);
      total += batch;
      ++handovers;
      pthread_mutex_unlock(&lock);
      batch = 0;
      last = __rdtsc();
    }
  }
  return NULL;
}

int main(void) {
  struct sigaction sa = {0};
  sa.sa_handler = crash_reporter;
  sigaction(SIGSEGV, &sa, NULL);
  pthread_t a, b;
  pthread_create(&a, NULL, worker, NULL);
  pthread_create(&b, NULL, worker, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("total %ld in %d hand-overs\n", total, handovers);
  return total == 2 * events ? 0 : 1;
}
