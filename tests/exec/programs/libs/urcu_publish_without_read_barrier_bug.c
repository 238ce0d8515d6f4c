// liburcu's barriers (liburcu-dev, urcu/arch.h, urcu/system.h) misused: a
// producer fills a record, issues cmm_smp_wmb() and sets a ready flag with
// CMM_STORE_SHARED(); the consumer polls the flag with CMM_LOAD_SHARED()
// and reads the record without the cmm_smp_rmb() that pairs with the
// write barrier. x86 keeps loads in order, so it works there; on ARM or
// POWER the record may be read before the flag, half filled. weft follows
// liburcu's barriers as C11 fences, on every architecture alike: the
// record's reads race with its writes.
// weft-exec-expect: data_race
#include <pthread.h>
#include <urcu/arch.h>
#include <urcu/system.h>

struct record {
  int id;
  int payload;
};

static struct record shared;
static int ready;

static void* producer(void* arg) {
  (void)arg;
  shared.id = 7;
  shared.payload = 42;
  cmm_smp_wmb();
  CMM_STORE_SHARED(ready, 1);
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, producer, NULL);
  while (!CMM_LOAD_SHARED(ready)) caa_cpu_relax();
  int sum = shared.id + shared.payload;  // cmm_smp_rmb() missing before
  pthread_join(t, NULL);
  return sum == 49 ? 0 : 1;
}
