// A program that cancels a thread in asynchronous cancellation, which may
// act at any instruction: weft exec follows deferred cancellation only
// (pthread_cancel.cpp), so the run ends with one line and exit status 2.
// (Before weft followed cancellation at all, the real pthread_cancel took
// the logical thread's handle for a thread of its own and the process
// crashed: a `crash` finding on a correct program.)
#include <pthread.h>
#include <unistd.h>

static volatile unsigned long spins;

static void* worker(void* arg) {
  (void)arg;
  pthread_setcanceltype(PTHREAD_CANCEL_ASYNCHRONOUS, NULL);
  for (;;) spins++;  // no cancellation point: only an asynchronous cancellation ends it
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  usleep(5000);
  pthread_cancel(t);
  void* result = NULL;
  pthread_join(t, &result);
  return result == PTHREAD_CANCELED ? 0 : 1;
}
