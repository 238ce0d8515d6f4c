// The lost signal of pause(): main tests the flag, then pauses, with the
// signal unblocked all along. When the worker's signal comes between the
// test and pause() (its handler runs in any thread that does not block it),
// nothing wakes main again. sigsuspend() with the signal blocked until the
// wait closes that window (own/sigsuspend_wait_ok.c). The flag is atomic,
// so that the lost signal is the only bug. Buggy.
// weft-exec-expect: lost_wakeup
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <unistd.h>

static atomic_int finished = 0;

static void on_usr1(int signal) {
  (void)signal;
  finished = 1;
}

static void* worker(void* arg) {
  (void)arg;
  usleep(100);
  kill(getpid(), SIGUSR1);
  return NULL;
}

int main(void) {
  struct sigaction action = {0};
  action.sa_handler = on_usr1;
  sigemptyset(&action.sa_mask);
  sigaction(SIGUSR1, &action, NULL);
  pthread_t thread;
  pthread_create(&thread, NULL, worker, NULL);
  while (!finished) pause();
  pthread_join(thread, NULL);
  puts("signalled");
  return 0;
}
