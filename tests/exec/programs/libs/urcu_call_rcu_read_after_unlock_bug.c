// Userspace RCU with call_rcu(), misused: a reader keeps the configuration
// it read in its first read-side section and checks it again after each
// rcu_read_unlock(). The old configuration main handed to call_rcu() may be
// freed by then: its grace period waits only for the sections that were
// still open when it began.
// weft-exec-expect: data_race|misuse/use_after_free|crash
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
  struct config* kept = NULL;
  for (int i = 0; i < 3; ++i) {
    rcu_read_lock();
    if (kept == NULL) kept = rcu_dereference(current);
    rcu_read_unlock();
    if (kept->low + 1 != kept->high) abort();  // kept past its section: it may be freed
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
