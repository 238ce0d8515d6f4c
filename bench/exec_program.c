// The program bench/exec_bench.cpp runs under weft exec: two threads, each
// taking and releasing a mutex five times around a shared counter — 20
// scheduling points — and main checking the total. Plain C with pthreads,
// built by clang-14 with the instrumentation (weft_instrumented_program).
#include <pthread.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int counter;

static void* work(void* arg) {
  for (int i = 0; i < 5; i++) {
    pthread_mutex_lock(&lock);
    counter++;
    pthread_mutex_unlock(&lock);
  }
  return arg;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, work, NULL);
  pthread_create(&b, NULL, work, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return counter == 10 ? 0 : 1;
}
