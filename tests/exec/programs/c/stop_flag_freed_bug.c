// A worker polls a stop flag (a C11 atomic) in a context main allocated.
// main sets the flag and frees the context without waiting for the worker
// to leave: the worker's next atomic load of the flag races with the free
// (it may read freed memory). The flag being atomic does not order the
// free: only the join would.
// weft-exec-expect: data_race|misuse/use_after_free
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
  pthread_detach(t);
  atomic_store_explicit(&c->stop, 1, memory_order_release);
  free(c);  // the worker may still be between its two loads
  return 0;
}
