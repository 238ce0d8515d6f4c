// Synchronisation objects inside memory the program frees, in the ways C
// code does it correctly: an object guarded by its own mutex whose last
// reference destroys the mutex and condition variable and frees it (every
// unref broadcasts with the mutex held); a hand-over whose waiter destroys
// and frees the semaphore once sem_wait returned (POSIX allows it); a
// barrier its serial thread destroys and frees after the wait (glibc waits
// for the others to leave it). Correct.
// weft-exec-expect: clean
#define _GNU_SOURCE
#include <assert.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdlib.h>

struct object {
  pthread_mutex_t lock;
  pthread_cond_t changed;
  int refs;
  int uses;
};

static void unref(struct object* o) {
  pthread_mutex_lock(&o->lock);
  const int last = --o->refs == 0;
  pthread_cond_broadcast(&o->changed);
  pthread_mutex_unlock(&o->lock);
  if (last) {
    pthread_cond_destroy(&o->changed);
    pthread_mutex_destroy(&o->lock);
    free(o);
  }
}

static void* use(void* arg) {
  struct object* o = arg;
  pthread_mutex_lock(&o->lock);
  o->uses++;
  pthread_mutex_unlock(&o->lock);
  unref(o);
  return NULL;
}

struct handoff {
  sem_t ready;
  int data;
};

static void* post(void* arg) {
  struct handoff* h = arg;
  h->data = 7;
  sem_post(&h->ready);
  return NULL;
}

static pthread_barrier_t* start_line;

static void* arrive(void* arg) {
  (void)arg;
  if (pthread_barrier_wait(start_line) == PTHREAD_BARRIER_SERIAL_THREAD) {
    pthread_barrier_destroy(start_line);
    free(start_line);
  }
  return NULL;
}

int main(void) {
  pthread_t t[3];
  struct object* o = malloc(sizeof *o);
  pthread_mutex_init(&o->lock, NULL);
  pthread_cond_init(&o->changed, NULL);
  o->refs = 3;
  o->uses = 0;
  for (int i = 0; i < 2; ++i) pthread_create(&t[i], NULL, use, o);
  unref(o);
  for (int i = 0; i < 2; ++i) pthread_join(t[i], NULL);

  struct handoff* h = malloc(sizeof *h);
  sem_init(&h->ready, 0, 0);
  pthread_create(&t[0], NULL, post, h);
  sem_wait(&h->ready);
  assert(h->data == 7);
  sem_destroy(&h->ready);
  free(h);
  pthread_join(t[0], NULL);

  start_line = malloc(sizeof *start_line);
  pthread_barrier_init(start_line, NULL, 3);
  for (int i = 0; i < 3; ++i) pthread_create(&t[i], NULL, arrive, NULL);
  for (int i = 0; i < 3; ++i) pthread_join(t[i], NULL);
  return 0;
}
