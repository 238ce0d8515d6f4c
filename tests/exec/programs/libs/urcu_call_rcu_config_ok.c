// Userspace RCU (liburcu-dev, its default flavour) with call_rcu(): two
// readers read a configuration inside rcu_read_lock() / rcu_read_unlock();
// main publishes new ones with rcu_xchg_pointer() and hands each old one to
// call_rcu(), whose worker thread frees it after a grace period and counts
// it; main waits for the callbacks with rcu_barrier() and reads the count.
// Correct.
// weft-exec-expect: clean
#include <pthread.h>
#include <stdlib.h>
#include <urcu.h>

struct config {
  int low, high;  // high == low + 1 in every configuration
  struct rcu_head rcu;
};

static struct config* current;

static int freed;  // written by the callbacks, read by main after rcu_barrier()

static void free_config(struct rcu_head* head) {
  free(caa_container_of(head, struct config, rcu));
  ++freed;
}

static void* reader(void* arg) {
  (void)arg;
  rcu_register_thread();
  for (int i = 0; i < 3; ++i) {
    rcu_read_lock();
    struct config* c = rcu_dereference(current);
    if (c->low + 1 != c->high) abort();
    rcu_read_unlock();
  }
  rcu_unregister_thread();
  return NULL;
}

static struct config* make_config(int low) {
  struct config* c = malloc(sizeof *c);
  c->low = low;
  c->high = low + 1;
  return c;
}

int main(void) {
  rcu_register_thread();
  rcu_assign_pointer(current, make_config(1));
  pthread_t readers[2];
  for (int i = 0; i < 2; ++i) pthread_create(&readers[i], NULL, reader, NULL);
  for (int low = 2; low < 4; ++low) {
    struct config* old = rcu_xchg_pointer(&current, make_config(low));
    call_rcu(&old->rcu, free_config);
  }
  for (int i = 0; i < 2; ++i) pthread_join(readers[i], NULL);
  rcu_barrier();
  if (freed != 2) abort();
  free(current);
  rcu_unregister_thread();
  return 0;
}
