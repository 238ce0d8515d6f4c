// The classic pthread_cancel bug: a worker waits on a condition variable
// with no cleanup handler. POSIX has a cancelled pthread_cond_wait take the
// mutex back before the thread ends, so the worker ends holding the queue's
// lock and main, which cancelled it to shut down, blocks for ever on that
// lock when it drains the queue. (pthread_cancel_workers_ok.c pushes the
// handler that unlocks.)
// weft-exec-expect: misuse/held_at_end|deadlock
#include <pthread.h>
#include <stdio.h>

static pthread_mutex_t queue_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t queue_ready = PTHREAD_COND_INITIALIZER;
static int queued = 0;

static void* worker(void* arg) {
  (void)arg;
  for (;;) {
    pthread_mutex_lock(&queue_lock);
    while (queued == 0) pthread_cond_wait(&queue_ready, &queue_lock);
    queued--;
    pthread_mutex_unlock(&queue_lock);
  }
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_cancel(t);
  pthread_join(t, NULL);
  pthread_mutex_lock(&queue_lock);  // drain what is left
  queued = 0;
  pthread_mutex_unlock(&queue_lock);
  puts("shut down");
  return 0;
}
