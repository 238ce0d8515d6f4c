// As robust_mutex_owner_died_ok.c: a robust mutex guards two balances, and
// a worker dies holding it halfway through a transfer. The thread that gets
// EOWNERDEAD repairs the balances but does not call pthread_mutex_consistent,
// so its unlock leaves the mutex unusable: every later lock answers
// ENOTRECOVERABLE (an assertion fails), in every schedule.
// A bug.
// weft-exec-expect: crash
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
    // BUG: no pthread_mutex_consistent(&lock) before the unlock
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
