// A reader thread takes lines from a pipe with fgets(), and the main thread
// cancels it once it has counted the lines it wanted, while the reader
// waits in fgets() for a line that never comes. fgets waits in read(), a
// cancellation point, so the reader ends there (its cleanup handler runs)
// and the join gives PTHREAD_CANCELED. Under weft the wait before stdio's
// fill was no cancellation point: the reader waited for ever, and weft
// reported a deadlock. The buggy twin, a reader that holds a lock across
// fgets, is pthread_cancel_fgets_holding_lock_bug.c. Correct.
// weft-exec-expect: clean
// tsan-false-positive: ThreadSanitizer (ignore_noninstrumented_modules) stops a thread cancelled inside libc's fgets with "finished with ignores enabled": the cancellation unwinds out of libc, where its ignores were on (no race; natively every run passes)
#define _POSIX_C_SOURCE 200809L
#include <assert.h>
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t counted = PTHREAD_COND_INITIALIZER;
static int lines;
static int cleaned_up;

static void note_cancelled(void* arg) {
  (void)arg;
  cleaned_up = 1;
}

static void* reader(void* arg) {
  FILE* in = arg;
  char line[64];
  pthread_cleanup_push(note_cancelled, NULL);
  while (fgets(line, sizeof line, in) != NULL) {
    pthread_mutex_lock(&lock);
    ++lines;
    pthread_cond_signal(&counted);
    pthread_mutex_unlock(&lock);
  }
  pthread_cleanup_pop(0);
  return NULL;
}

int main(void) {
  int fds[2];
  if (pipe(fds) != 0) return 2;
  FILE* in = fdopen(fds[0], "r");
  assert(in != NULL);
  pthread_t t;
  pthread_create(&t, NULL, reader, in);
  assert(write(fds[1], "one\ntwo\n", 8) == 8);
  pthread_mutex_lock(&lock);
  while (lines < 2) pthread_cond_wait(&counted, &lock);
  pthread_mutex_unlock(&lock);
  pthread_cancel(t);  // it waits, or is about to, in fgets for a third line
  void* result = NULL;
  pthread_join(t, &result);
  assert(result == PTHREAD_CANCELED && cleaned_up);
  fclose(in);
  close(fds[1]);
  return 0;
}
