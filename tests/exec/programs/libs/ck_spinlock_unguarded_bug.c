// Concurrency Kit: two threads add to a counter under a ck_spinlock_fas, a
// third adds to it without taking the lock. Its increment races with the
// others' (a data race on plain memory).
// weft-exec-expect: data_race
#include <ck_spinlock.h>
#include <pthread.h>

static ck_spinlock_fas_t lock = CK_SPINLOCK_FAS_INITIALIZER;
static long counter;

static void* locked_adder(void* arg) {
  (void)arg;
  ck_spinlock_fas_lock(&lock);
  ++counter;
  ck_spinlock_fas_unlock(&lock);
  return NULL;
}

static void* careless_adder(void* arg) {
  (void)arg;
  ++counter;  // BUG: without the lock
  return NULL;
}

int main(void) {
  pthread_t a, b, c;
  pthread_create(&a, NULL, locked_adder, NULL);
  pthread_create(&b, NULL, locked_adder, NULL);
  pthread_create(&c, NULL, careless_adder, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  pthread_join(c, NULL);
  return counter == 3 ? 0 : 1;
}
