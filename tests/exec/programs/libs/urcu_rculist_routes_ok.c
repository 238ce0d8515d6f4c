/* userspace RCU's list (liburcu-dev, urcu/rculist.h), correct use: two
 * writers add routes with cds_list_add_rcu() under an update mutex, then
 * each unlinks the list's first entry with cds_list_del_rcu() and frees it
 * after synchronize_rcu(); a reader walks the list with
 * cds_list_for_each_entry_rcu() inside rcu_read_lock(). A reader may reach
 * an entry through a removal's pointer (a plain store in liburcu): weft's
 * rculist.h makes that store the publication liburcu's memory model says
 * it is (docs/guide.md). */
// weft-exec-expect: clean
#define _LGPL_SOURCE
#include <pthread.h>
#include <stdlib.h>
#include <urcu.h>
#include <urcu/rculist.h>

struct route {
  int dest;
  int hops;
  struct cds_list_head node;
};
static CDS_LIST_HEAD(routes);
static pthread_mutex_t update_lock = PTHREAD_MUTEX_INITIALIZER;

static void* reader(void* arg) {
  (void)arg;
  rcu_register_thread();
  for (int round = 0; round < 3; ++round) {
    rcu_read_lock();
    struct route* r;
    long sum = 0;
    cds_list_for_each_entry_rcu(r, &routes, node) sum += r->hops;
    rcu_read_unlock();
    if (sum < 0) abort();
  }
  rcu_unregister_thread();
  return NULL;
}

static void* writer(void* arg) {
  int base = *(int*)arg;
  rcu_register_thread();
  for (int i = 0; i < 2; ++i) {
    struct route* r = malloc(sizeof *r);
    r->dest = base + i;
    r->hops = i + 1;
    pthread_mutex_lock(&update_lock);
    cds_list_add_rcu(&r->node, &routes);
    pthread_mutex_unlock(&update_lock);
  }
  pthread_mutex_lock(&update_lock);
  struct route* first = cds_list_entry(routes.next, struct route, node);
  cds_list_del_rcu(&first->node);
  pthread_mutex_unlock(&update_lock);
  synchronize_rcu();
  free(first);
  rcu_unregister_thread();
  return NULL;
}

int main(void) {
  rcu_register_thread();
  pthread_t r, w1, w2;
  int b1 = 0, b2 = 10;
  pthread_create(&r, NULL, reader, NULL);
  pthread_create(&w1, NULL, writer, &b1);
  pthread_create(&w2, NULL, writer, &b2);
  pthread_join(r, NULL);
  pthread_join(w1, NULL);
  pthread_join(w2, NULL);
  int n = 0;
  struct route *it, *tmp;
  cds_list_for_each_entry_safe(it, tmp, &routes, node) {
    cds_list_del(&it->node);
    free(it);
    ++n;
  }
  rcu_unregister_thread();
  return n == 2 ? 0 : 1;
}
