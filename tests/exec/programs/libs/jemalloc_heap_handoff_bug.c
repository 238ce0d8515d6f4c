// The hand-over of jemalloc_heap_handoff_ok.c, but the sender fills the
// record after it published it in the slot: main may read it, and free it,
// while the sender still writes it.
// weft-exec-expect: data_race|misuse/use_after_free
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
static int* slot;  // a record handed over, or NULL

static void* sender(void* arg) {
  (void)arg;
  int* record = malloc(2 * sizeof *record);
  pthread_mutex_lock(&lock);
  slot = record;
  pthread_cond_signal(&changed);
  pthread_mutex_unlock(&lock);
  record[0] = 300;  // BUG: filled after the hand-over
  record[1] = 7;
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, sender, NULL);
  pthread_mutex_lock(&lock);
  while (slot == NULL) pthread_cond_wait(&changed, &lock);
  int* record = slot;
  pthread_mutex_unlock(&lock);
  const int got = record[0] + record[1];
  free(record);
  pthread_join(t, NULL);
  printf("%d\n", got);
  return got == 307 ? 0 : 1;
}
