// A program that makes a System V message queue and semaphore set under the
// key it is given (WEFT_TEST_IPC_KEY), then races on a counter: weft exec
// reports the race and abandons the execution before the program's own
// IPC_RMID. weft removes what the execution made once its process ended
// (sysv_ipc.cpp); expect_ipc_removed.sh checks that nothing is left.
#define _GNU_SOURCE
#include <pthread.h>
#include <stdlib.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>

static int counter;

static void* worker(void* arg) {
  (void)arg;
  ++counter;  // races with main's increment
  return NULL;
}

int main(void) {
  const char* text = getenv("WEFT_TEST_IPC_KEY");
  if (text == NULL) return 2;
  const key_t key = (key_t)atol(text);
  const int queue = msgget(key, IPC_CREAT | 0600);
  const int set = semget(key, 1, IPC_CREAT | 0600);
  if (queue < 0 || set < 0) return 2;
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  ++counter;
  pthread_join(t, NULL);
  msgctl(queue, IPC_RMID, NULL);
  semctl(set, 0, IPC_RMID);
  return 0;
}
