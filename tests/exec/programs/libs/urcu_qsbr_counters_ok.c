// Userspace RCU's quiescent-state flavour (liburcu-qsbr): each reader
// thread is registered (online) and announces with rcu_quiescent_state()
// that it holds no reference, after each read of the shared statistics;
// main replaces them with rcu_xchg_pointer(), waits with synchronize_rcu()
// for every online thread to pass a quiescent state, and frees the old
// ones. A reader goes offline before it unregisters. Correct.
// weft-exec-expect: clean
#include <pthread.h>
#include <stdlib.h>
#include <urcu-qsbr.h>

struct stats {
  long sent, received;  // received == 2 * sent in every version
};

static struct stats* shared;

static void* reader(void* arg) {
  long* total = arg;
  rcu_register_thread();
  for (int i = 0; i < 2; ++i) {
    rcu_read_lock();
    struct stats* s = rcu_dereference(shared);
    if (s->received != 2 * s->sent) abort();
    *total += s->received;
    rcu_read_unlock();
    rcu_quiescent_state();
  }
  rcu_thread_offline();
  rcu_unregister_thread();
  return NULL;
}

static struct stats* make_stats(long sent) {
  struct stats* s = malloc(sizeof *s);
  s->sent = sent;
  s->received = 2 * sent;
  return s;
}

int main(void) {
  rcu_assign_pointer(shared, make_stats(1));
  pthread_t readers[2];
  long totals[2] = {0, 0};
  for (int i = 0; i < 2; ++i) pthread_create(&readers[i], NULL, reader, &totals[i]);
  struct stats* old = rcu_xchg_pointer(&shared, make_stats(3));
  synchronize_rcu();
  free(old);
  for (int i = 0; i < 2; ++i) pthread_join(readers[i], NULL);
  free(shared);
  return totals[0] < 0 || totals[1] < 0;
}
