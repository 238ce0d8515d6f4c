// A producer hands work to a consumer through a POSIX message queue with
// room for two messages: each message names a slot of a table the producer
// filled before sending it, so the consumer reads the slot after the
// message (a message received is ordered after its send, as with a pipe).
// The producer waits in mq_send when the queue is full, the consumer in
// mq_receive when it is empty; a timed receive on an empty queue times out
// (ETIMEDOUT) and a non-blocking one answers EAGAIN. Correct.
// weft-exec-expect: clean
// tsan-false-positive: ThreadSanitizer does not intercept mq_send and mq_receive, so the queue orders nothing for it; weft follows them (checker/src/instrument/mqueue_interpose.cpp)
#define _GNU_SOURCE
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <pthread.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#define ITEMS 6

static mqd_t work;
static long table[ITEMS];

static mqd_t open_queue(const char* what, int flags) {
  char name[64];
  snprintf(name, sizeof name, "/weft_%s_%d", what, (int)getpid());
  struct mq_attr attr = {.mq_maxmsg = 2, .mq_msgsize = sizeof(int)};
  const mqd_t q = mq_open(name, O_CREAT | O_EXCL | O_RDWR | flags, 0600, &attr);
  assert(q != (mqd_t)-1);
  mq_unlink(name);
  return q;
}

static void* consumer(void* arg) {
  long* sum = arg;
  for (int i = 0; i < ITEMS; ++i) {
    int slot = -1;
    const ssize_t n = mq_receive(work, (char*)&slot, sizeof slot, NULL);
    assert(n == sizeof slot && slot == i);
    *sum += table[slot];
  }
  return NULL;
}

int main(void) {
  work = open_queue("work", 0);
  long sum = 0;
  pthread_t t;
  pthread_create(&t, NULL, consumer, &sum);
  for (int i = 0; i < ITEMS; ++i) {
    table[i] = (long)i * i;
    const int rc = mq_send(work, (const char*)&i, sizeof i, 0);
    assert(rc == 0);
  }
  pthread_join(t, NULL);
  assert(sum == 0 + 1 + 4 + 9 + 16 + 25);

  const mqd_t idle = open_queue("idle", 0);
  struct timespec deadline;
  clock_gettime(CLOCK_REALTIME, &deadline);
  deadline.tv_nsec += 5 * 1000 * 1000;
  if (deadline.tv_nsec >= 1000 * 1000 * 1000) {
    deadline.tv_sec += 1;
    deadline.tv_nsec -= 1000 * 1000 * 1000;
  }
  int slot;
  assert(mq_timedreceive(idle, (char*)&slot, sizeof slot, NULL, &deadline) == -1 && errno == ETIMEDOUT);
  const mqd_t polled = open_queue("polled", O_NONBLOCK);
  assert(mq_receive(polled, (char*)&slot, sizeof slot, NULL) == -1 && errno == EAGAIN);
  mq_close(polled);
  mq_close(idle);
  mq_close(work);
  return 0;
}
