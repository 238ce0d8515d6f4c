// A worker reports its progress by formatting a line into a shared buffer
// with snprintf (and sprintf for the last line) under a mutex, and main
// copies the buffer out under the same mutex before and after joining.
// Correct.
// weft-exec-expect: clean
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static char progress[64];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void* work(void* arg) {
  (void)arg;
  for (int done = 1; done <= 3; ++done) {
    pthread_mutex_lock(&lock);
    snprintf(progress, sizeof progress, "%d of %d files", done, 3);
    pthread_mutex_unlock(&lock);
  }
  pthread_mutex_lock(&lock);
  sprintf(progress, "finished: %s", "3 files");
  pthread_mutex_unlock(&lock);
  return NULL;
}

int main(void) {
  pthread_t worker;
  snprintf(progress, sizeof progress, "not started");
  pthread_create(&worker, NULL, work, NULL);
  char seen[64];
  pthread_mutex_lock(&lock);
  for (int i = 0; i < 64; ++i) seen[i] = progress[i];
  pthread_mutex_unlock(&lock);
  pthread_join(worker, NULL);
  puts(seen);
  puts(progress);
  return strcmp(progress, "finished: 3 files") == 0 ? 0 : 1;
}
