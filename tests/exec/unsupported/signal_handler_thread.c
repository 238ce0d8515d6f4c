// A signal sent to another thread that does not block it: its handler would
// run asynchronously in that thread, which weft exec does not follow, so the
// run ends with one line and exit status 2 (signals.cpp; blocked signals
// taken with sigwait are followed: programs/own/signal_thread_ok.c).
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

static volatile sig_atomic_t got = 0;

static void on_usr1(int signal) { got = signal; }

static void* worker(void* arg) {
  (void)arg;
  while (!got) usleep(1000);
  return NULL;
}

int main(void) {
  signal(SIGUSR1, on_usr1);
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_kill(t, SIGUSR1);
  pthread_join(t, NULL);
  return 0;
}
