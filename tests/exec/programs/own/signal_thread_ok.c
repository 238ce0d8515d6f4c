// The dedicated signal thread of servers and daemons: main blocks SIGTERM
// and SIGUSR1 before it starts any thread (so every thread inherits the
// mask), a signal thread takes them with sigwait, a worker counts requests
// until the signal thread tells it to stop, and the shutdown path sends
// SIGUSR1 to the signal thread (pthread_kill) and then SIGTERM to the
// process (kill). sigtimedwait with a short timeout polls first (and an
// earlier version returned when it got a signal: weft found the schedule
// where SIGTERM then went unread and the worker never stopped). Correct.
// weft-exec-expect: clean
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int stopping = 0, reloads = 0, served = 0;

static void* signal_thread(void* arg) {
  const sigset_t* set = arg;
  const struct timespec brief = {0, 1000 * 1000};
  int signal = sigtimedwait(set, NULL, &brief);  // one sent early, or -1 after the timeout
  for (;;) {
    if (signal == -1 && sigwait(set, &signal) != 0) return NULL;
    pthread_mutex_lock(&lock);
    if (signal == SIGUSR1) ++reloads;
    if (signal == SIGTERM) stopping = 1;
    pthread_mutex_unlock(&lock);
    if (signal == SIGTERM) return NULL;
    signal = -1;
  }
}

static void* worker(void* arg) {
  (void)arg;
  for (;;) {
    pthread_mutex_lock(&lock);
    const int stop = stopping;
    if (!stop) ++served;
    pthread_mutex_unlock(&lock);
    if (stop) return NULL;
    usleep(1000);
  }
}

int main(void) {
  static sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGUSR1);
  if (pthread_sigmask(SIG_BLOCK, &set, NULL) != 0) return 1;
  pthread_t signals, work;
  pthread_create(&signals, NULL, signal_thread, &set);
  pthread_create(&work, NULL, worker, NULL);
  usleep(5000);
  pthread_kill(signals, SIGUSR1);  // "reload the configuration"
  usleep(5000);
  kill(getpid(), SIGTERM);  // shut down
  pthread_join(signals, NULL);
  pthread_join(work, NULL);
  printf("%d reloads, %d served\n", reloads, served);
  return stopping == 1 && reloads <= 1 ? 0 : 1;
}
