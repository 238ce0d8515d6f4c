// Userspace RCU's lock-free hash table, misused: the writer adds a route
// with cds_lfht_add() and fills in its gateway afterwards. A reader that
// looks the route up in between reads the gateway while it is written: the
// add publishes what was written before it, not after.
// weft-exec-expect: data_race
#include <pthread.h>
#include <stdlib.h>
#include <urcu.h>
#include <urcu/rculfhash.h>

struct route {
  int destination;
  int gateway;
  struct cds_lfht_node node;
};

static struct cds_lfht* table;

static int same_destination(struct cds_lfht_node* node, const void* key) {
  return caa_container_of(node, struct route, node)->destination == *(const int*)key;
}

static void* writer(void* arg) {
  (void)arg;
  rcu_register_thread();
  struct route* r = malloc(sizeof *r);
  cds_lfht_node_init(&r->node);
  r->destination = 1;
  rcu_read_lock();
  cds_lfht_add(table, 1, &r->node);
  rcu_read_unlock();
  r->gateway = 10;  // too late: the route is already in the table
  rcu_unregister_thread();
  return NULL;
}

static void* reader(void* arg) {
  (void)arg;
  rcu_register_thread();
  int destination = 1;
  int gateway = -1;
  for (int i = 0; i < 3 && gateway < 0; ++i) {
    struct cds_lfht_iter iter;
    rcu_read_lock();
    cds_lfht_lookup(table, 1, same_destination, &destination, &iter);
    struct cds_lfht_node* node = cds_lfht_iter_get_node(&iter);
    if (node != NULL) gateway = caa_container_of(node, struct route, node)->gateway;
    rcu_read_unlock();
  }
  rcu_unregister_thread();
  return (void*)(long)gateway;
}

int main(void) {
  rcu_register_thread();
  table = cds_lfht_new(4, 4, 0, 0, NULL);
  pthread_t threads[2];
  pthread_create(&threads[0], NULL, writer, NULL);
  pthread_create(&threads[1], NULL, reader, NULL);
  for (int i = 0; i < 2; ++i) pthread_join(threads[i], NULL);
  int destination = 1;
  struct cds_lfht_iter iter;
  rcu_read_lock();
  cds_lfht_lookup(table, 1, same_destination, &destination, &iter);
  struct cds_lfht_node* node = cds_lfht_iter_get_node(&iter);
  cds_lfht_del(table, node);
  rcu_read_unlock();
  synchronize_rcu();
  free(caa_container_of(node, struct route, node));
  cds_lfht_destroy(table, NULL);
  rcu_unregister_thread();
  return 0;
}
