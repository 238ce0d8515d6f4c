// refcounted_sync_objects_ok.c's object with the broadcast after the
// unlock: the thread that drops the last reference may destroy the
// condition variable and free the object while another thread, its own
// reference already dropped, is about to broadcast on it. A data race on
// the condition variable (a use of freed memory on real threads).
// weft-exec-expect: data_race
#define _GNU_SOURCE
#include <pthread.h>
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
  pthread_mutex_unlock(&o->lock);
  if (last) {
    pthread_cond_destroy(&o->changed);
    pthread_mutex_destroy(&o->lock);
    free(o);
  } else {
    pthread_cond_broadcast(&o->changed); /* BUG: the object may be gone by now */
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

int main(void) {
  pthread_t t[2];
  struct object* o = malloc(sizeof *o);
  pthread_mutex_init(&o->lock, NULL);
  pthread_cond_init(&o->changed, NULL);
  o->refs = 3;
  o->uses = 0;
  for (int i = 0; i < 2; ++i) pthread_create(&t[i], NULL, use, o);
  unref(o);
  for (int i = 0; i < 2; ++i) pthread_join(t[i], NULL);
  return 0;
}
