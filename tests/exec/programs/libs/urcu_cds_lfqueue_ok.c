// Userspace RCU's lock-free queue (liburcu-dev, urcu/rculfqueue.h, as its
// documentation shows): two producers enqueue jobs whose fields they fill
// before cds_lfq_enqueue_rcu(); two consumers dequeue with
// cds_lfq_dequeue_rcu() inside rcu_read_lock(), read the job, and free the
// node with call_rcu() (a concurrent dequeuer may still be reading it).
// Correct: the enqueue publishes the node, the dequeue reaches it.
// weft-exec-expect: clean
#include <pthread.h>
#include <stdlib.h>
#include <urcu.h>
#include <urcu/rculfqueue.h>

struct job {
  int id;
  int check;  // check == id * 7
  struct cds_lfq_node_rcu node;
  struct rcu_head rcu;
};

static struct cds_lfq_queue_rcu queue;

static void free_job(struct rcu_head* head) { free(caa_container_of(head, struct job, rcu)); }

static void* producer(void* arg) {
  int first = (int)(long)arg;
  rcu_register_thread();
  for (int id = first; id < first + 2; ++id) {
    struct job* j = malloc(sizeof *j);
    cds_lfq_node_init_rcu(&j->node);
    j->id = id;
    j->check = id * 7;
    rcu_read_lock();
    cds_lfq_enqueue_rcu(&queue, &j->node);
    rcu_read_unlock();
  }
  rcu_unregister_thread();
  return NULL;
}

static void* consumer(void* arg) {
  (void)arg;
  rcu_register_thread();
  for (int i = 0; i < 3; ++i) {
    rcu_read_lock();
    struct cds_lfq_node_rcu* node = cds_lfq_dequeue_rcu(&queue);
    rcu_read_unlock();
    if (node == NULL) continue;
    struct job* j = caa_container_of(node, struct job, node);
    if (j->check != j->id * 7) abort();
    call_rcu(&j->rcu, free_job);
  }
  rcu_unregister_thread();
  return NULL;
}

int main(void) {
  rcu_register_thread();
  cds_lfq_init_rcu(&queue, call_rcu);
  pthread_t threads[4];
  pthread_create(&threads[0], NULL, producer, (void*)0L);
  pthread_create(&threads[1], NULL, producer, (void*)10L);
  pthread_create(&threads[2], NULL, consumer, NULL);
  pthread_create(&threads[3], NULL, consumer, NULL);
  for (int i = 0; i < 4; ++i) pthread_join(threads[i], NULL);
  for (;;) {  // what the consumers left
    rcu_read_lock();
    struct cds_lfq_node_rcu* node = cds_lfq_dequeue_rcu(&queue);
    rcu_read_unlock();
    if (node == NULL) break;
    call_rcu(&caa_container_of(node, struct job, node)->rcu, free_job);
  }
  rcu_barrier();
  if (cds_lfq_destroy_rcu(&queue) != 0) abort();
  rcu_unregister_thread();
  return 0;
}
