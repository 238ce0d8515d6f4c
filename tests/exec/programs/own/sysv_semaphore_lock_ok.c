// Two workers move money between two accounts under a System V semaphore
// used as a lock (initialised to 1; semop -1 to enter, +1 to leave, with
// SEM_UNDO as such code has it), and check that the sum never changes. The
// second worker's semop waits in the kernel while the first holds it:
// under weft, every logical thread on one OS thread, that wait held them
// all, and this correct program was a `hang` before.
// weft-exec-expect: clean
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
  } one = {1};
  semctl(lock_set, 0, SETVAL, one);
  pthread_t a, b;
  pthread_create(&a, NULL, mover, (void*)10L);
  pthread_create(&b, NULL, mover, (void*)-5L);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  semctl(lock_set, 0, IPC_RMID);
  return checking + savings == 200 ? 0 : 1;
}
