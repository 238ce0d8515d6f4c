// Work queues that the workers allocate themselves, each with its own mutex,
// and a move of items from one queue to another that locks the two in
// address order, as C code (and the Linux kernel's double_lock helpers)
// often does: whatever pair two workers move between, they take the lower
// address first, so none waits for another in a cycle. Where malloc puts
// each worker's queue depends on which worker allocates first, so the order
// of the queues' addresses changes from run to run. Correct.
// weft-exec-expect: clean
#define _GNU_SOURCE
#include <assert.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>

#define WORKERS 3

struct queue {
  pthread_mutex_t lock;
  int items;
};

static _Atomic(struct queue*) queues[WORKERS];

static void lock_pair(struct queue* a, struct queue* b) {
  if ((uintptr_t)a > (uintptr_t)b) {
    struct queue* t = a;
    a = b;
    b = t;
  }
  pthread_mutex_lock(&a->lock);
  pthread_mutex_lock(&b->lock);
}

static void unlock_pair(struct queue* a, struct queue* b) {
  pthread_mutex_unlock(&a->lock);
  pthread_mutex_unlock(&b->lock);
}

static void move(struct queue* from, struct queue* to, int n) {
  lock_pair(from, to);
  if (from->items >= n) {
    from->items -= n;
    to->items += n;
  }
  unlock_pair(from, to);
}

static struct queue* wait_for(int i) {
  struct queue* q;
  while ((q = atomic_load(&queues[i])) == NULL) sched_yield();
  return q;
}

static void* worker(void* arg) {
  const int me = (int)(intptr_t)arg;
  struct queue* mine = malloc(sizeof *mine);
  pthread_mutex_init(&mine->lock, NULL);
  mine->items = 10;
  atomic_store(&queues[me], mine);
  struct queue* next = wait_for((me + 1) % WORKERS);
  move(mine, next, 3);
  move(next, mine, 1);
  return NULL;
}

int main(void) {
  pthread_t t[WORKERS];
  for (int i = 0; i < WORKERS; ++i) pthread_create(&t[i], NULL, worker, (void*)(intptr_t)i);
  for (int i = 0; i < WORKERS; ++i) pthread_join(t[i], NULL);
  int total = 0;
  for (int i = 0; i < WORKERS; ++i) {
    struct queue* q = atomic_load(&queues[i]);
    total += q->items;
    pthread_mutex_destroy(&q->lock);
    free(q);
  }
  assert(total == 10 * WORKERS);
  return 0;
}
