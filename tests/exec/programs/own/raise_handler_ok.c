// raise() runs the signal's handler in the calling thread before it returns
// (as the real raise does); a program that counts its own SIGUSR1s in a
// handler while another thread works alongside. Correct.
// weft-exec-expect: clean
#include <pthread.h>
#include <signal.h>
#include <stdio.h>

static volatile sig_atomic_t handled = 0;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int work = 0;

static void on_usr1(int signal) {
  (void)signal;
  ++handled;
}

static void* worker(void* arg) {
  (void)arg;
  pthread_mutex_lock(&lock);
  ++work;
  pthread_mutex_unlock(&lock);
  return NULL;
}

int main(void) {
  signal(SIGUSR1, on_usr1);
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  raise(SIGUSR1);
  raise(SIGUSR1);
  pthread_join(t, NULL);
  printf("%d %d\n", (int)handled, work);
  return handled == 2 && work == 1 ? 0 : 1;
}
