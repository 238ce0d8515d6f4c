// A program that cancels one of its threads: weft exec does not follow
// cancellation, so the run ends with one line and exit status 2 (before,
// the real pthread_cancel took the logical thread's handle for a thread of
// its own and the process crashed: a `crash` finding on a correct program).
#include <pthread.h>
#include <unistd.h>

static void *worker(void *arg) {
  (void)arg;
  for (;;) {
    usleep(1000);
    pthread_testcancel();
  }
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  usleep(5000);
  pthread_cancel(t);
  void *result = NULL;
  pthread_join(t, &result);
  return result == PTHREAD_CANCELED ? 0 : 1;
}
