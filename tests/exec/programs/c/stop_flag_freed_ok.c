// A worker polls a stop flag (a C11 atomic) in a context main allocated;
// main sets the flag, joins the worker, then frees the context: the join
// orders the worker's last load before the free. The twin of
// stop_flag_freed_bug.c.
// weft-exec-expect: clean
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

struct context {
  atomic_bool stop;
  atomic_int ticks;
};

static void* worker(void* arg) {
  struct context* c = arg;
  while (!atomic_load_explicit(&c->stop, memory_order_acquire)) {
    atomic_fetch_add_explicit(&c->ticks, 1, memory_order_relaxed);
  }
  return NULL;
}

int main(void) {
  struct context* c = malloc(sizeof *c);
  atomic_init(&c->stop, 0);
  atomic_init(&c->ticks, 0);
  pthread_t t;
  pthread_create(&t, NULL, worker, c);
  atomic_store_explicit(&c->stop, 1, memory_order_release);
  pthread_join(t, NULL);
  free(c);
  return 0;
}
