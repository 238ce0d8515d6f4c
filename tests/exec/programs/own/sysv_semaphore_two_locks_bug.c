// The tellers of sysv_semaphore_two_locks_ok.c, where each takes first the
// lock of the account it moves money from: one holds semaphore 0 and waits
// for 1 while the other holds 1 and waits for 0, both in semop forever
// (natively 0 of 100 runs hang: each teller's two semops are a few
// instructions apart). The set was made with IPC_PRIVATE, so no
// other process can post it: weft reports a deadlock; before, the wait for
// real was a `hang` that called itself a limit of weft exec.
// weft-exec-expect: deadlock
#define _GNU_SOURCE
#include <pthread.h>
#include <sys/ipc.h>
#include <sys/sem.h>

static int locks;
static int balance[2] = {100, 100};  // balance[i] under semaphore i

static void take(unsigned short account) {
  struct sembuf enter = {account, -1, 0};
  while (semop(locks, &enter, 1) != 0) {
  }
}

static void give(unsigned short account) {
  struct sembuf leave = {account, 1, 0};
  (void)semop(locks, &leave, 1);
}

static void* teller(void* arg) {
  const int from = (int)(long)arg, to = 1 - from;
  for (int i = 0; i < 2; ++i) {
    take((unsigned short)from);  // BUG: the source's lock first
    take((unsigned short)to);
    balance[from] -= 10;
    balance[to] += 10;
    give((unsigned short)to);
    give((unsigned short)from);
  }
  return NULL;
}

int main(void) {
  locks = semget(IPC_PRIVATE, 2, IPC_CREAT | 0600);
  if (locks < 0) return 2;
  unsigned short open[2] = {1, 1};
  union {
    unsigned short* array;
  } values = {open};
  semctl(locks, 0, SETALL, values);
  pthread_t a, b;
  pthread_create(&a, NULL, teller, (void*)0L);
  pthread_create(&b, NULL, teller, (void*)1L);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  semctl(locks, 0, IPC_RMID);
  return balance[0] + balance[1] == 200 ? 0 : 1;
}
