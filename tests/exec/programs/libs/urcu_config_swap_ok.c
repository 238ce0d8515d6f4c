// Userspace RCU (liburcu-dev, its default flavour, as its README shows):
// two registered readers read a configuration inside rcu_read_lock() /
// rcu_read_unlock() through rcu_dereference(); main publishes a new one
// with rcu_xchg_pointer(), waits for a grace period with synchronize_rcu()
// and frees the old one. A reader sees one whole configuration, old or new,
// and none reads the old one after it is freed. Correct.
// weft-exec-expect: clean
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <urcu.h>

struct config {
  int low, high;  // high == low + 1 in every configuration
};

static struct config* current;

static void* reader(void* arg) {
  (void)arg;
  rcu_register_thread();
  for (int i = 0; i < 2; ++i) {
    rcu_read_lock();
    struct config* c = rcu_dereference(current);
    if (c->low + 1 != c->high) {
      fprintf(stderr, "torn configuration %d %d\n", c->low, c->high);
      abort();
    }
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
  rcu_assign_pointer(current, make_config(1));
  pthread_t readers[2];
  for (int i = 0; i < 2; ++i) pthread_create(&readers[i], NULL, reader, NULL);
  struct config* old = rcu_xchg_pointer(&current, make_config(5));
  synchronize_rcu();
  free(old);
  for (int i = 0; i < 2; ++i) pthread_join(readers[i], NULL);
  free(current);
  return 0;
}
