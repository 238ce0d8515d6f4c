// The main thread hands the process over to a worker with pthread_exit
// while it holds a robust mutex, after a key destructor of its own has a
// last word under it. As on real threads, main's end runs its key
// destructors, then hands the mutex on: the worker, blocked in its lock,
// gets it with EOWNERDEAD, sees the destructor's word, makes the mutex
// consistent, and the process ends with it (exit status 0). Under weft the
// main thread's pthread_exit ran no key destructor and kept the mutex: a
// misuse/held_at_end. Correct.
// weft-exec-expect: clean
// tsan-false-positive: ThreadSanitizer orders nothing from a robust mutex's dead owner to the thread that gets it with EOWNERDEAD (the kernel hands the lock word on, which orders them on real threads; weft releases it at the owner's end)
#define _POSIX_C_SOURCE 200809L
#include <assert.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>

static pthread_mutex_t lock;
static pthread_key_t last_word;
static int words;  // guarded by lock

static void say_last_word(void* value) {
  (void)value;
  ++words;  // main still holds the lock
}

static void* worker(void* arg) {
  (void)arg;
  const int rc = pthread_mutex_lock(&lock);  // waits for main's end
  assert(rc == EOWNERDEAD);
  assert(words == 1);
  assert(pthread_mutex_consistent(&lock) == 0);
  pthread_mutex_unlock(&lock);
  return NULL;
}

int main(void) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST);
  pthread_mutex_init(&lock, &attr);
  pthread_mutexattr_destroy(&attr);
  pthread_key_create(&last_word, say_last_word);
  pthread_mutex_lock(&lock);
  pthread_setspecific(last_word, &words);
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  pthread_detach(t);
  pthread_exit(NULL);  // the process goes on with the worker, and ends with it
}
