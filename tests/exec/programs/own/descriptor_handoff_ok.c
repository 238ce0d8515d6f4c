// Threads that hand work over through descriptors, as event loops and
// thread pools do: a pipe whose reader blocks in read() before the writer
// ran, an eventfd counter waited for with poll(), a socket pair read with
// recv() by a thread whose peer first sleeps. Each message is written before
// its token, so what the reader sees is ordered (the descriptor carries the
// happens-before). On real threads the blocked reader waits for the kernel;
// under weft exec it must not stop every other thread with it. Correct.
// weft-exec-expect: clean
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

static int pipe_fds[2], event_fd, sockets[2];
static char message[32];
static int counted, reply;

static void* producer(void* arg) {
  (void)arg;
  strcpy(message, "hello");
  char token = 1;
  if (write(pipe_fds[1], &token, 1) != 1) return NULL;
  counted = 3;
  uint64_t one = 1;
  if (write(event_fd, &one, sizeof one) != sizeof one) return NULL;
  usleep(1000);  // the peer blocks in recv() meanwhile
  reply = 42;
  if (send(sockets[1], &token, 1, 0) != 1) return NULL;
  return NULL;
}

int main(void) {
  if (pipe(pipe_fds) != 0 || socketpair(AF_UNIX, SOCK_STREAM, 0, sockets) != 0) return 2;
  event_fd = eventfd(0, 0);
  pthread_t t;
  pthread_create(&t, NULL, producer, NULL);
  char token;
  if (read(pipe_fds[0], &token, 1) != 1) return 3;  // blocks until the producer wrote
  int ok = strcmp(message, "hello") == 0;
  struct pollfd p = {event_fd, POLLIN, 0};
  if (poll(&p, 1, -1) != 1) return 4;
  uint64_t value;
  if (read(event_fd, &value, sizeof value) != sizeof value) return 5;
  ok = ok && counted == 3;
  if (recv(sockets[0], &token, 1, 0) != 1) return 6;
  ok = ok && reply == 42;
  pthread_join(t, NULL);
  return ok ? 0 : 1;
}
