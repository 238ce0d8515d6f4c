// Two threads increment a plain counter without a lock: a data race.
// weft-exec-expect: data_race
#include <pthread.h>

static int counter;

static void* work(void* arg) {
  (void)arg;
  for (int i = 0; i < 2; i++) counter++;
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, work, NULL);
  pthread_create(&b, NULL, work, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return counter == 4 ? 0 : 1;
}
