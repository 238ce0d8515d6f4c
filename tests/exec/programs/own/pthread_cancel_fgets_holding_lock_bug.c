// As pthread_cancel_fgets_reader_ok.c, but the reader holds the lock of
// its counter across fgets() and has no cleanup handler to release it:
// cancelled while it waits in fgets (a cancellation point), it ends holding
// the lock, and the main thread, which takes the lock after the join, waits
// for ever (a hang on real threads).
// weft-exec-expect: misuse/held_at_end|deadlock
#define _POSIX_C_SOURCE 200809L
#include <assert.h>
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t counted = PTHREAD_COND_INITIALIZER;
static int lines;

static void* reader(void* arg) {
  FILE* in = arg;
  char line[64];
  pthread_mutex_lock(&lock);
  // BUG: the lock is held while fgets waits, and nothing releases it when
  // the thread is cancelled there.
  while (fgets(line, sizeof line, in) != NULL) {
    ++lines;
    pthread_cond_signal(&counted);
    pthread_cond_wait(&counted, &lock);  // lets the main thread look
  }
  pthread_mutex_unlock(&lock);
  return NULL;
}

int main(void) {
  int fds[2];
  if (pipe(fds) != 0) return 2;
  FILE* in = fdopen(fds[0], "r");
  assert(in != NULL);
  pthread_t t;
  pthread_create(&t, NULL, reader, in);
  assert(write(fds[1], "one\n", 4) == 4);
  pthread_mutex_lock(&lock);
  while (lines < 1) pthread_cond_wait(&counted, &lock);
  pthread_cond_signal(&counted);
  pthread_mutex_unlock(&lock);
  pthread_cancel(t);  // it waits, or is about to, in fgets for a second line
  pthread_join(t, NULL);
  pthread_mutex_lock(&lock);  // never returns: the cancelled reader holds it
  pthread_mutex_unlock(&lock);
  fclose(in);
  close(fds[1]);
  return 0;
}
