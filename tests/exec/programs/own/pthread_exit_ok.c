// A thread ends with pthread_exit from a nested call; a detached thread
// publishes under a rwlock; semaphores hand a token over: correct.
// weft-exec-expect: clean
#include <assert.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdint.h>

static pthread_rwlock_t table_lock = PTHREAD_RWLOCK_INITIALIZER;
static int table[4];
static sem_t token;

static void leave(void* value) { pthread_exit(value); }

static void* worker(void* arg) {
  pthread_rwlock_wrlock(&table_lock);
  table[(intptr_t)arg] = 1;
  pthread_rwlock_unlock(&table_lock);
  leave((void*)((intptr_t)arg + 10));
  return NULL;
}

static void* reader(void* arg) {
  (void)arg;
  pthread_rwlock_rdlock(&table_lock);
  int sum = table[0] + table[1];
  pthread_rwlock_unlock(&table_lock);
  assert(sum <= 2);
  sem_post(&token);
  return NULL;
}

int main(void) {
  sem_init(&token, 0, 0);
  pthread_t w, r;
  pthread_create(&w, NULL, worker, (void*)1);
  pthread_create(&r, NULL, reader, NULL);
  pthread_detach(r);
  void* result = NULL;
  pthread_join(w, &result);
  assert((intptr_t)result == 11);
  sem_wait(&token);
  return 0;
}
