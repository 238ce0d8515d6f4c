// A program linked with jemalloc instead of glibc's malloc, as servers
// often are: two threads allocate, fill, grow (realloc) and free buffers of
// their own, then hand records to each other through a mutex-guarded slot,
// the receiver freeing what the sender allocated. Before weft gave each
// block back to the program's own allocator, its free handed jemalloc's
// blocks to glibc's free, and the program aborted at its first free, under
// weft and without it; jemalloc's own locks and copies are its own, not the
// program's. Correct.
// weft-exec-expect: clean
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t changed = PTHREAD_COND_INITIALIZER;
static int* slot;  // a record handed over, or NULL

static void* sender(void* arg) {
  long sum = 0;
  for (int round = 0; round < 3; ++round) {
    char* scratch = malloc(100 + round);
    memset(scratch, (int)(long)arg, 100);
    scratch = realloc(scratch, 5000);
    for (int i = 0; i < 100; ++i) sum += scratch[i];
    free(scratch);
  }
  int* record = malloc(2 * sizeof *record);
  record[0] = (int)sum;
  record[1] = 7;
  pthread_mutex_lock(&lock);
  slot = record;
  pthread_cond_signal(&changed);
  pthread_mutex_unlock(&lock);
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, sender, (void*)1);
  pthread_mutex_lock(&lock);
  while (slot == NULL) pthread_cond_wait(&changed, &lock);
  int* record = slot;
  pthread_mutex_unlock(&lock);
  const int got = record[0] + record[1];
  free(record);  // allocated by the sender
  pthread_join(t, NULL);
  printf("%d\n", got);
  return got == 307 ? 0 : 1;
}
