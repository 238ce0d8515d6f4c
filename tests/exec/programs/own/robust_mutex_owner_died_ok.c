// A robust mutex guards two balances that always sum to 100. One worker
// dies holding it halfway through a transfer (pthread_exit, as a job that
// failed ends its thread); the next thread to lock gets EOWNERDEAD, undoes
// the half transfer, calls pthread_mutex_consistent and goes on, and the
// mutex keeps working for everyone. Defined behaviour on real threads;
// weft reported the dead owner as misuse/held_at_end before it followed
// robust mutexes. The buggy twin, which recovers without
// pthread_mutex_consistent, is robust_mutex_not_made_consistent_bug.c.
// Correct.
// weft-exec-expect: clean
// tsan-false-positive: ThreadSanitizer orders nothing from a robust mutex's dead owner to the thread that gets it with EOWNERDEAD (the kernel hands the lock word on, which orders them on real threads; weft releases it at the owner's end)
#define _POSIX_C_SOURCE 200809L
#include <assert.h>
#include <errno.h>
#include <pthread.h>

static pthread_mutex_t lock;
static int account_a = 50, account_b = 50;
static int moving;  // how much a transfer has taken from a and not yet given to b

/// Locks the accounts, repairing them when the last holder died holding them.
static void lock_accounts(void) {
  const int rc = pthread_mutex_lock(&lock);
  if (rc == EOWNERDEAD) {
    account_a += moving;  // the transfer never happened
    moving = 0;
    assert(pthread_mutex_consistent(&lock) == 0);
    return;
  }
  assert(rc == 0);
}

static void* dying_worker(void* arg) {
  (void)arg;
  lock_accounts();
  moving = 10;
  account_a -= moving;
  pthread_exit(NULL);  // ends holding the lock, before account_b += moving
}

static void* worker(void* arg) {
  (void)arg;
  for (int i = 0; i < 2; ++i) {
    lock_accounts();
    assert(account_a + account_b == 100);
    account_a -= 5;
    account_b += 5;
    pthread_mutex_unlock(&lock);
  }
  return NULL;
}

int main(void) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  pthread_mutexattr_setrobust(&attr, PTHREAD_MUTEX_ROBUST);
  pthread_mutex_init(&lock, &attr);
  pthread_mutexattr_destroy(&attr);
  pthread_t t[3];
  pthread_create(&t[0], NULL, dying_worker, NULL);
  pthread_create(&t[1], NULL, worker, NULL);
  pthread_create(&t[2], NULL, worker, NULL);
  for (int i = 0; i < 3; ++i) pthread_join(t[i], NULL);
  for (int i = 0; i < 2; ++i) {  // the mutex still works
    lock_accounts();
    assert(account_a + account_b == 100 && account_a == 30);
    pthread_mutex_unlock(&lock);
  }
  return 0;
}
