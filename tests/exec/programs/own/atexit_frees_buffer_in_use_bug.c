// A C library keeps a log buffer that a background flusher thread appends
// to, and frees it from an atexit() handler it registers at start-up. The
// flusher is detached and never told to stop: when main returns, exit()
// runs the handler, which frees the buffer while the flusher may still
// write to it (ThreadSanitizer: a heap-use-after-free race). weft did not
// run atexit handlers inside the execution before, and passed it.
// weft-exec-expect: data_race|misuse/use_after_free
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char* log_buffer;
static pthread_mutex_t log_mutex = PTHREAD_MUTEX_INITIALIZER;

static void free_log(void) {
  free(log_buffer);  // BUG: the flusher may still be writing
  log_buffer = NULL;
}

static void* flusher(void* arg) {
  (void)arg;
  for (int i = 0; i < 3; ++i) {
    pthread_mutex_lock(&log_mutex);
    char* buffer = log_buffer;
    pthread_mutex_unlock(&log_mutex);
    if (buffer != NULL) memcpy(buffer, "flushed", 8);
  }
  return NULL;
}

int main(void) {
  log_buffer = malloc(64);
  atexit(free_log);
  pthread_t t;
  pthread_create(&t, NULL, flusher, NULL);
  pthread_detach(t);
  puts("main done");
  return 0;
}
