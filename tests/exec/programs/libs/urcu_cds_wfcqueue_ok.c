// Userspace RCU's wait-free concurrent queue (liburcu-dev, urcu/wfcqueue.h,
// as its documentation shows): two producers enqueue nodes whose value they
// write before the enqueue; main dequeues them with
// cds_wfcq_dequeue_blocking() and reads the values. Correct: the enqueue's
// fully ordered exchange publishes the node, and the blocking dequeue
// takes the queue's own lock.
// weft-exec-expect: clean
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <urcu/wfcqueue.h>

struct item {
  int value;
  struct cds_wfcq_node node;
};

static struct cds_wfcq_head head;
static struct cds_wfcq_tail tail;

static void* producer(void* arg) {
  int base = (int)(long)arg;
  for (int i = 0; i < 2; ++i) {
    struct item* it = malloc(sizeof *it);
    cds_wfcq_node_init(&it->node);
    it->value = base + i;
    cds_wfcq_enqueue(&head, &tail, &it->node);
  }
  return NULL;
}

int main(void) {
  cds_wfcq_init(&head, &tail);
  pthread_t p[2];
  pthread_create(&p[0], NULL, producer, (void*)10L);
  pthread_create(&p[1], NULL, producer, (void*)20L);
  int sum = 0, got = 0;
  while (got < 4) {
    struct cds_wfcq_node* n = cds_wfcq_dequeue_blocking(&head, &tail);
    if (n == NULL) continue;  // empty for now: the producers are behind
    struct item* it = caa_container_of(n, struct item, node);
    sum += it->value;
    free(it);
    ++got;
  }
  for (int i = 0; i < 2; ++i) pthread_join(p[i], NULL);
  if (sum != 10 + 11 + 20 + 21) {
    fprintf(stderr, "lost an item: sum %d\n", sum);
    abort();
  }
  cds_wfcq_destroy(&head, &tail);
  return 0;
}
