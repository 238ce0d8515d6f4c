// Four workers each compute a square and end with pthread_exit(), handing
// their result over as the thread's value; main joins them in order and
// sums the values. Nothing is shared but what pthread_join hands over.
// Correct. (Before, weft kept the values in a table of its own that grew
// on the exiting thread as the program's code: its copies were reported as
// a data race between two exiting workers.)
// weft-exec-expect: clean
#include <assert.h>
#include <pthread.h>
#include <stdint.h>

static void* square(void* arg) {
  intptr_t n = (intptr_t)arg;
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
  assert(sum == 1 + 4 + 9 + 16);
  return 0;
}
