// Two threads increment a counter under a mutex (a recursive one, taken
// twice), one checks it with an error-checking mutex: correct.
// weft-exec-expect: clean
#define _GNU_SOURCE
#include <assert.h>
#include <errno.h>
#include <pthread.h>

static int counter;
static pthread_mutex_t lock = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;
static pthread_mutex_t check;

static void* work(void* arg) {
  (void)arg;
  for (int i = 0; i < 2; i++) {
    pthread_mutex_lock(&lock);
    pthread_mutex_lock(&lock);
    counter++;
    pthread_mutex_unlock(&lock);
    pthread_mutex_unlock(&lock);
  }
  return arg;
}

int main(void) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_ERRORCHECK);
  pthread_mutex_init(&check, &attr);
  pthread_t a, b;
  int ids[2] = {1, 2};
  pthread_create(&a, NULL, work, &ids[0]);
  pthread_create(&b, NULL, work, &ids[1]);
  void* ra = NULL;
  pthread_join(a, &ra);
  pthread_join(b, NULL);
  assert(ra == &ids[0]);
  pthread_mutex_lock(&check);
  assert(pthread_mutex_lock(&check) == EDEADLK);
  assert(counter == 4);
  pthread_mutex_unlock(&check);
  assert(pthread_mutex_unlock(&check) == EPERM);
  pthread_mutex_destroy(&check);
  return 0;
}
