// A signal sent while every thread blocks it stays pending, and its handler
// runs the moment a thread unblocks it, before pthread_sigmask returns, as
// the kernel delivers it. Here a worker reports with SIGUSR1 while main
// blocks it; main looks at the flag after the join (not yet) and right after
// unblocking (now). Correct.
// weft-exec-expect: clean
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

static volatile sig_atomic_t reported = 0;

static void on_usr1(int signal) {
  (void)signal;
  reported = 1;
}

static void* worker(void* arg) {
  (void)arg;
  kill(getpid(), SIGUSR1);
  return NULL;
}

int main(void) {
  signal(SIGUSR1, on_usr1);
  sigset_t usr1;
  sigemptyset(&usr1);
  sigaddset(&usr1, SIGUSR1);
  pthread_sigmask(SIG_BLOCK, &usr1, NULL);
  pthread_t thread;
  pthread_create(&thread, NULL, worker, NULL);
  pthread_join(thread, NULL);
  if (reported) {
    fputs("the handler ran while SIGUSR1 was blocked\n", stderr);
    return 1;
  }
  pthread_sigmask(SIG_UNBLOCK, &usr1, NULL);
  if (!reported) {
    fputs("SIGUSR1 was still pending after it was unblocked\n", stderr);
    return 1;
  }
  puts("delivered when unblocked");
  return 0;
}
