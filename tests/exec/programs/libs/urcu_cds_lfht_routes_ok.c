// Userspace RCU's lock-free resizable hash table (liburcu-dev, urcu/rculfhash.h,
// as its documentation shows): a route table keyed by destination. One
// writer adds routes with cds_lfht_add_unique(), another replaces one with
// cds_lfht_add_replace() and hands the old node to call_rcu(); two readers
// look routes up and walk the table under rcu_read_lock() and read the
// routes they find. Every node is filled before it is added. Correct: the
// table's calls publish a node ("a full memory barrier before"), a reader
// reaches it through them, and the replaced node is freed after a grace period.
// weft-exec-expect: clean
#include <pthread.h>
#include <stdlib.h>
#include <urcu.h>
#include <urcu/rculfhash.h>

struct route {
  int destination;
  int gateway;  // gateway == destination * 10 + version
  struct cds_lfht_node node;
  struct rcu_head rcu;
};

static struct cds_lfht* table;

static int same_destination(struct cds_lfht_node* node, const void* key) {
  return caa_container_of(node, struct route, node)->destination == *(const int*)key;
}

static struct route* make_route(int destination, int version) {
  struct route* r = malloc(sizeof *r);
  cds_lfht_node_init(&r->node);
  r->destination = destination;
  r->gateway = destination * 10 + version;
  return r;
}

static void free_route(struct rcu_head* head) { free(caa_container_of(head, struct route, rcu)); }

static void check(const struct route* r) {
  if (r->gateway / 10 != r->destination) abort();
}

static void* adder(void* arg) {
  (void)arg;
  rcu_register_thread();
  for (int destination = 1; destination <= 2; ++destination) {
    struct route* r = make_route(destination, 0);
    rcu_read_lock();
    struct cds_lfht_node* there = cds_lfht_add_unique(table, (unsigned long)destination, same_destination,
                                                      &destination, &r->node);
    rcu_read_unlock();
    if (there != &r->node) free(r);  // the replacer's came first; ours was never published
  }
  rcu_unregister_thread();
  return NULL;
}

static void* replacer(void* arg) {
  (void)arg;
  rcu_register_thread();
  int destination = 1;
  struct route* r = make_route(destination, 1);
  rcu_read_lock();
  struct cds_lfht_node* old = cds_lfht_add_replace(table, 1, same_destination, &destination, &r->node);
  rcu_read_unlock();
  if (old != NULL) call_rcu(&caa_container_of(old, struct route, node)->rcu, free_route);
  rcu_unregister_thread();
  return NULL;
}

static void* reader(void* arg) {
  (void)arg;
  rcu_register_thread();
  for (int destination = 1; destination <= 2; ++destination) {
    struct cds_lfht_iter iter;
    rcu_read_lock();
    cds_lfht_lookup(table, (unsigned long)destination, same_destination, &destination, &iter);
    struct cds_lfht_node* node = cds_lfht_iter_get_node(&iter);
    if (node != NULL) check(caa_container_of(node, struct route, node));
    rcu_read_unlock();
  }
  struct cds_lfht_iter iter;
  struct route* r;
  rcu_read_lock();
  cds_lfht_for_each_entry(table, &iter, r, node) check(r);
  rcu_read_unlock();
  rcu_unregister_thread();
  return NULL;
}

int main(void) {
  rcu_register_thread();
  table = cds_lfht_new(4, 4, 0, CDS_LFHT_AUTO_RESIZE, NULL);
  pthread_t threads[4];
  pthread_create(&threads[0], NULL, adder, NULL);
  pthread_create(&threads[1], NULL, replacer, NULL);
  pthread_create(&threads[2], NULL, reader, NULL);
  pthread_create(&threads[3], NULL, reader, NULL);
  for (int i = 0; i < 4; ++i) pthread_join(threads[i], NULL);
  struct cds_lfht_iter iter;
  struct route* r;
  rcu_read_lock();
  cds_lfht_for_each_entry(table, &iter, r, node) {
    if (cds_lfht_del(table, &r->node) == 0) call_rcu(&r->rcu, free_route);
  }
  rcu_read_unlock();
  rcu_barrier();  // every call_rcu callback has run
  cds_lfht_destroy(table, NULL);
  rcu_unregister_thread();
  return 0;
}
