// Work queues that the workers allocate themselves, as in
// address_ordered_queues_ok.c, but a move locks the queue it takes from
// first: each worker moves from its queue to the next one's and back, so
// around the ring of three every worker can hold one queue while it waits
// for the next — a lock-order cycle over three threads, between mutexes
// made on the heap while the threads run.
// weft-exec-expect: lock_order_inversion
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
