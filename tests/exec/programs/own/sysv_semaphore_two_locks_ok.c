// Two tellers move money between two accounts, each guarded by its own
// System V semaphore used as a lock (one set made with IPC_PRIVATE, one
// semaphore per account; semop -1 to enter, +1 to leave): both take the
// locks in account order, whichever way the money goes.
// weft-exec-expect: clean
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
    take(0);  // account order, always
    take(1);
    balance[from] -= 10;
    balance[to] += 10;
    give(1);
    give(0);
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
