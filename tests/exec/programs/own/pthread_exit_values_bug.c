// The workers of pthread_exit_values_ok.c, but each also adds its square to
// a running total shared by all, without a lock, before its pthread_exit():
// two workers' read-modify-writes of the total race.
// weft-exec-expect: data_race
#include <assert.h>
#include <pthread.h>
#include <stdint.h>

static intptr_t total;

static void* square(void* arg) {
  intptr_t n = (intptr_t)arg;
  total += n * n;
  pthread_exit((void*)(n * n));
}

int main(void) {
  pthread_t workers[4];
  for (intptr_t i = 0; i < 4; ++i) assert(pthread_create(&workers[i], NULL, square, (void*)(i + 1)) == 0);
  intptr_t sum = 0;
  for (int i = 0; i < 4; ++i) {
    void* value = NULL;
    assert(pthread_join(workers[i], &value) == 0);
    sum += (intptr_t)value;
  }
  assert(sum == total);
  return 0;
}
