// The classic way a main thread sleeps until a signal: block the signal,
// then sigsuspend() with the old mask, which unblocks it and waits in one
// step, so a signal sent before the wait is not lost. Here the signal comes
// from the last of the workers to finish (kill of its own process). Correct.
// weft-exec-expect: clean
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

enum { workers = 2, rounds = 3 };

static volatile sig_atomic_t finished_signalled = 0;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int total = 0;
static int done = 0;

static void on_usr1(int signal) {
  (void)signal;
  finished_signalled = 1;
}

static void* worker(void* arg) {
  (void)arg;
  for (int i = 0; i < rounds; ++i) {
    pthread_mutex_lock(&lock);
    ++total;
    pthread_mutex_unlock(&lock);
  }
  pthread_mutex_lock(&lock);
  const int last = ++done == workers;
  pthread_mutex_unlock(&lock);
  if (last) kill(getpid(), SIGUSR1);
  return NULL;
}

int main(void) {
  struct sigaction action = {0};
  action.sa_handler = on_usr1;
  sigemptyset(&action.sa_mask);
  sigaction(SIGUSR1, &action, NULL);

  sigset_t usr1, old;
  sigemptyset(&usr1);
  sigaddset(&usr1, SIGUSR1);
  sigprocmask(SIG_BLOCK, &usr1, &old);  // the workers start with it blocked too

  pthread_t threads[workers];
  for (int i = 0; i < workers; ++i) pthread_create(&threads[i], NULL, worker, NULL);
  while (!finished_signalled) sigsuspend(&old);
  sigprocmask(SIG_SETMASK, &old, NULL);
  for (int i = 0; i < workers; ++i) pthread_join(threads[i], NULL);
  if (total != workers * rounds) {
    fprintf(stderr, "total %d, expected %d\n", total, workers * rounds);
    return 1;
  }
  puts("all workers finished");
  return 0;
}
