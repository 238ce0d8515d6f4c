// A consumer that waits in msgrcv (a System V message queue, which weft exec
// does not follow) for the message main sends after a sleep: on real threads
// main runs meanwhile; under weft exec the wait in the kernel holds every
// logical thread, and the watchdog's `hang` names the call it waits in.
#define _GNU_SOURCE
#include <assert.h>
#include <pthread.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <unistd.h>

static int queue;

struct message {
  long type;
  int value;
};

static void* consumer(void* arg) {
  (void)arg;
  struct message m;
  const ssize_t n = msgrcv(queue, &m, sizeof m.value, 0, 0);
  assert(n == sizeof m.value && m.value == 42);
  return NULL;
}

int main(void) {
  queue = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
  assert(queue >= 0);
  pthread_t t;
  pthread_create(&t, NULL, consumer, NULL);
  usleep(1000);  // the consumer waits in msgrcv first
  struct message m = {1, 42};
  msgsnd(queue, &m, sizeof m.value, 0);
  pthread_join(t, NULL);
  msgctl(queue, IPC_RMID, NULL);
  return 0;
}
