// The accounts of sysv_semaphore_lock_ok.c with the semaphore initialised
// to 2 (a "pool of two" copied from other code): both workers are inside
// at once, a data race on the balances.
// weft-exec-expect: data_race
// tsan-false-positive: ThreadSanitizer does not intercept System V IPC, so it orders nothing from a send or a semaphore raise to the receive or lowering and reports what they order as races (and, halting there, leaves the queue or set behind); weft orders them (sysv_ipc.cpp)
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <sys/ipc.h>
#include <sys/sem.h>

static int lock_set;
static int checking = 100, savings = 100;  // under the semaphore

static void lock(void) {
  struct sembuf enter = {0, -1, SEM_UNDO};
  while (semop(lock_set, &enter, 1) != 0) {
  }
}

static void unlock(void) {
  struct sembuf leave = {0, 1, SEM_UNDO};
  (void)semop(lock_set, &leave, 1);
}

static void* mover(void* arg) {
  const int amount = (int)(long)arg;
  for (int i = 0; i < 2; ++i) {
    lock();
    checking -= amount;
    savings += amount;
    unlock();
  }
  return NULL;
}

int main(void) {
  lock_set = semget(IPC_PRIVATE, 1, IPC_CREAT | 0600);
  if (lock_set < 0) return 2;
  union {
    int val;
  } one = {2};  // BUG: two may enter
  semctl(lock_set, 0, SETVAL, one);
  pthread_t a, b;
  pthread_create(&a, NULL, mover, (void*)10L);
  pthread_create(&b, NULL, mover, (void*)-5L);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  semctl(lock_set, 0, IPC_RMID);
  return checking + savings == 200 ? 0 : 1;
}
