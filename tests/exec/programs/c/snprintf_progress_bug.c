// A worker reports its progress by formatting a line into a shared buffer
// with snprintf while main reads the buffer with puts, neither under a
// lock: a data race on the buffer's bytes (the worker's writes are the C
// library's formatting, not the program's own stores).
// weft-exec-expect: data_race
#include <pthread.h>
#include <stdio.h>

static char progress[64];

static void* work(void* arg) {
  (void)arg;
  for (int done = 1; done <= 3; ++done) snprintf(progress, sizeof progress, "%d of %d files", done, 3);
  return NULL;
}

int main(void) {
  pthread_t worker;
  snprintf(progress, sizeof progress, "not started");
  pthread_create(&worker, NULL, work, NULL);
  char seen[64];
  for (int i = 0; i < 64; ++i) seen[i] = progress[i];  // unsynchronised with the worker's formatting
  pthread_join(worker, NULL);
  seen[63] = '\0';
  puts(seen);
  return 0;
}
