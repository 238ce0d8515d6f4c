// The same log buffer and flusher, with the library's atexit() handler
// doing what it must: it tells the flusher to stop, joins it, and only then
// frees the buffer. exit() runs the handler in main's thread while the
// flusher may still run. Correct.
// weft-exec-expect: clean
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char* log_buffer;
static pthread_t flusher_thread;
static atomic_bool stopping;

static void* flusher(void* arg) {
  (void)arg;
  for (int i = 0; i < 3 && !atomic_load(&stopping); ++i) memcpy(log_buffer, "flushed", 8);
  return NULL;
}

static void free_log(void) {
  atomic_store(&stopping, true);
  pthread_join(flusher_thread, NULL);
  free(log_buffer);
  log_buffer = NULL;
}

int main(void) {
  log_buffer = malloc(64);
  pthread_create(&flusher_thread, NULL, flusher, NULL);
  atexit(free_log);
  puts("main done");
  return 0;
}
