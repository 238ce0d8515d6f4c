// Userspace RCU's wait-free concurrent queue, misused: two consumers take
// items with __cds_wfcq_dequeue_blocking(), the variant without the queue's
// lock, whose documentation leaves mutual exclusion among dequeuers to the
// caller. Both may take the same node (and free it twice), or one moves the
// head while the other reads it.
// weft-exec-expect: data_race|misuse/double_free|misuse/use_after_free|crash
#include <pthread.h>
#include <stdlib.h>
#include <urcu/wfcqueue.h>

struct item {
  int value;
  struct cds_wfcq_node node;
};

static struct cds_wfcq_head head;
static struct cds_wfcq_tail tail;
static int taken[2];

static void* consumer(void* arg) {
  int* mine = arg;
  for (int i = 0; i < 2; ++i) {
    struct cds_wfcq_node* n = __cds_wfcq_dequeue_blocking(&head, &tail);
    if (n == NULL) continue;
    struct item* it = caa_container_of(n, struct item, node);
    *mine += it->value;
    free(it);
  }
  return NULL;
}

int main(void) {
  cds_wfcq_init(&head, &tail);
  for (int i = 0; i < 4; ++i) {
    struct item* it = malloc(sizeof *it);
    cds_wfcq_node_init(&it->node);
    it->value = i;
    cds_wfcq_enqueue(&head, &tail, &it->node);
  }
  pthread_t c[2];
  for (int i = 0; i < 2; ++i) pthread_create(&c[i], NULL, consumer, &taken[i]);
  for (int i = 0; i < 2; ++i) pthread_join(c[i], NULL);
  cds_wfcq_destroy(&head, &tail);
  return taken[0] + taken[1] == 0 + 1 + 2 + 3 ? 0 : 1;
}
