// A producer hands jobs to a consumer through a System V message queue, an
// older but common IPC API: msgsnd a job, then an end marker; the consumer
// msgrcv's until the marker and totals the jobs. Each job's payload is
// also written to a shared table before it is sent, and read back after it
// is received: the message orders them (as the kernel's queue does on real
// threads). A consumer that receives before the producer sent waits in the
// kernel: under weft, every logical thread on one OS thread, that wait held
// them all, and this correct program was a `hang` before.
// weft-exec-expect: clean
// tsan-false-positive: ThreadSanitizer does not intercept System V IPC, so it orders nothing from a send or a semaphore raise to the receive or lowering and reports what they order as races (and, halting there, leaves the queue or set behind); weft orders them (sysv_ipc.cpp)
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <sys/ipc.h>
#include <sys/msg.h>

enum { jobs = 3 };

struct job_message {
  long type;  // 1: a job, 2: the end
  int index;
};

static int queue;
static int payload[jobs];  // written before the job is sent, read after it is received
static int total;          // the consumer's

static void* producer(void* arg) {
  (void)arg;
  for (int i = 0; i < jobs; ++i) {
    payload[i] = 10 * (i + 1);
    const struct job_message m = {1, i};
    if (msgsnd(queue, &m, sizeof m.index, 0) != 0) return NULL;
  }
  const struct job_message end = {2, -1};
  (void)msgsnd(queue, &end, sizeof end.index, 0);
  return NULL;
}

static void* consumer(void* arg) {
  (void)arg;
  for (;;) {
    struct job_message m;
    if (msgrcv(queue, &m, sizeof m.index, 0, 0) < 0) return NULL;
    if (m.type == 2) return NULL;
    total += payload[m.index];
  }
}

int main(void) {
  queue = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
  if (queue < 0) return 2;
  pthread_t p, c;
  pthread_create(&c, NULL, consumer, NULL);
  pthread_create(&p, NULL, producer, NULL);
  pthread_join(p, NULL);
  pthread_join(c, NULL);
  msgctl(queue, IPC_RMID, NULL);
  if (total != 60) {
    fprintf(stderr, "total %d\n", total);
    return 1;
  }
  return 0;
}
