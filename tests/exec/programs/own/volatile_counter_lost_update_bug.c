// The classic misuse of volatile: two threads increment a volatile counter,
// as if volatile made ++ atomic. weft exec treats each volatile load and
// store as a relaxed atomic access (as Linux's READ_ONCE/WRITE_ONCE), so
// the increment is a load and a separate store: one thread's store can
// overwrite the other's and an update is lost, which the check at the end
// sees (exit status 1). With --volatile-plain the accesses are a data race.
// weft-exec-expect: exit
#include <pthread.h>

static volatile int hits;

static void* hit(void* arg) {
  (void)arg;
  ++hits;  // BUG: a load and a store, not one atomic step
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, hit, NULL);
  pthread_create(&b, NULL, hit, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return hits == 2 ? 0 : 1;
}
