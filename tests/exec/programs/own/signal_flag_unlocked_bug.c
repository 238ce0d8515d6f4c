// The signal thread's twin that sets the stop flag without the lock the
// worker reads it under: the flag is a plain int written by one thread and
// read by another, a data race (and on real hardware the worker may never
// see it). Buggy.
// weft-exec-expect: data_race
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int stopping = 0;

static void* signal_thread(void* arg) {
  int signal = 0;
  sigwait(arg, &signal);
  stopping = 1;  // not under the lock
  return NULL;
}

static void* worker(void* arg) {
  (void)arg;
  for (;;) {
    pthread_mutex_lock(&lock);
    const int stop = stopping;
    pthread_mutex_unlock(&lock);
    if (stop) return NULL;
    usleep(1000);
  }
}

int main(void) {
  static sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, NULL);
  pthread_t signals, work;
  pthread_create(&signals, NULL, signal_thread, &set);
  pthread_create(&work, NULL, worker, NULL);
  usleep(3000);
  kill(getpid(), SIGTERM);
  pthread_join(signals, NULL);
  pthread_join(work, NULL);
  puts("stopped");
  return 0;
}
