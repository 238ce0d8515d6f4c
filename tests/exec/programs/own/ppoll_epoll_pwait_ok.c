// The signal-mask variants of the descriptor waits, as event loops call
// them (libuv waits in epoll_pwait): main waits with ppoll() for a pipe and
// with epoll_pwait() for an eventfd, each written by a worker after it
// published its part under a lock. Correct.
// weft-exec-expect: clean
#define _GNU_SOURCE
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int parts = 0;
static int pipe_fds[2], event_fd;

static void* pipe_worker(void* arg) {
  (void)arg;
  pthread_mutex_lock(&lock);
  ++parts;
  pthread_mutex_unlock(&lock);
  if (write(pipe_fds[1], "x", 1) != 1) return NULL;
  return NULL;
}

static void* event_worker(void* arg) {
  (void)arg;
  pthread_mutex_lock(&lock);
  ++parts;
  pthread_mutex_unlock(&lock);
  const uint64_t one = 1;
  if (write(event_fd, &one, sizeof one) != sizeof one) return NULL;
  return NULL;
}

int main(void) {
  if (pipe(pipe_fds) != 0) return 2;
  event_fd = eventfd(0, EFD_CLOEXEC);
  const int loop = epoll_create1(EPOLL_CLOEXEC);
  struct epoll_event interest = {.events = EPOLLIN, .data.fd = event_fd};
  epoll_ctl(loop, EPOLL_CTL_ADD, event_fd, &interest);
  sigset_t none;
  sigemptyset(&none);

  pthread_t threads[2];
  pthread_create(&threads[0], NULL, pipe_worker, NULL);
  pthread_create(&threads[1], NULL, event_worker, NULL);
  struct pollfd p = {pipe_fds[0], POLLIN, 0};
  const struct timespec ten_seconds = {10, 0};
  if (ppoll(&p, 1, &ten_seconds, &none) != 1) return 3;
  struct epoll_event ready;
  if (epoll_pwait(loop, &ready, 1, -1, &none) != 1 || ready.data.fd != event_fd) return 4;
  for (int i = 0; i < 2; ++i) pthread_join(threads[i], NULL);
  if (parts != 2) return 1;
  puts("both parts, each signalled");
  return 0;
}
