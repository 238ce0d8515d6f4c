// mimalloc's own API: main publishes a block to a reader through an atomic
// pointer (release, acquire) and frees it with mi_free at once, while the
// reader may still be reading it: a free racing with a read (a use after
// free when the reader comes second).
// weft-exec-expect: data_race|misuse/use_after_free
#include <mimalloc.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>

struct point {
  long x, y;
};

static _Atomic(struct point*) published;
long total;

static void* read_point(void* arg) {
  (void)arg;
  struct point* p;
  while ((p = atomic_load_explicit(&published, memory_order_acquire)) == NULL) sched_yield();
  total = p->x + p->y;
  return NULL;
}

int main(void) {
  pthread_t reader;
  pthread_create(&reader, NULL, read_point, NULL);
  struct point* p = mi_malloc(sizeof *p);
  p->x = 1;
  p->y = 2;
  atomic_store_explicit(&published, p, memory_order_release);
  mi_free(p);  // the reader may not be done with it
  pthread_join(reader, NULL);
  return 0;
}
