// Userspace RCU's quiescent-state flavour (liburcu-qsbr), misused: the
// reader keeps the pointer it dereferenced across rcu_quiescent_state()
// and reads through it afterwards. Once it has announced the quiescent
// state, main's synchronize_rcu() may return and free what it points to:
// that read races with the free (or reads freed memory).
// weft-exec-expect: data_race|misuse/use_after_free
#include <pthread.h>
#include <stdlib.h>
#include <urcu-qsbr.h>

struct stats {
  long sent, received;
};

static struct stats* shared;

static void* reader(void* arg) {
  long* total = arg;
  rcu_register_thread();
  struct stats* s = rcu_dereference(shared);
  *total += s->sent;
  rcu_quiescent_state();  // from here s may be freed
  *total += s->received;  // the bug: s is used after the quiescent state
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
  pthread_t thread;
  long total = 0;
  pthread_create(&thread, NULL, reader, &total);
  struct stats* old = rcu_xchg_pointer(&shared, make_stats(3));
  synchronize_rcu();
  free(old);
  pthread_join(thread, NULL);
  free(shared);
  return total < 0;
}
