// An event loop's registration, as Boost.Asio's reactor and hand-written
// loops do it: a worker allocates a connection's state, fills it in, and
// registers the descriptor with epoll_ctl(EPOLL_CTL_ADD) with the state as
// the event's data; the loop thread, in epoll_wait, gets the event and
// reads the state through the pointer the kernel hands back. The kernel
// orders the registration before the event that reports it (ThreadSanitizer
// pairs them too); weft exec did not, and this correct program was a false
// `data_race` at execution 1 (the loop's read of the state against the
// worker's filling it in).
// weft-exec-expect: clean
#define _GNU_SOURCE
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

struct connection {
  int fd;
  int requests;
  char name[16];
};

static int loop_fd;
static int ready_fd;  // an eventfd made readable before anything starts

static void* loop_thread(void* arg) {
  (void)arg;
  struct epoll_event ev;
  while (epoll_wait(loop_fd, &ev, 1, -1) != 1) {
  }
  const struct connection* c = ev.data.ptr;
  return (void*)(intptr_t)(c->requests + c->name[0]);  // 3 + 'w'
}

static void* register_thread(void* arg) {
  struct connection* c = arg;
  c->fd = ready_fd;
  c->requests = 3;
  c->name[0] = 'w';
  struct epoll_event ev = {.events = EPOLLIN, .data.ptr = c};
  if (epoll_ctl(loop_fd, EPOLL_CTL_ADD, ready_fd, &ev) != 0) abort();
  return NULL;
}

int main(void) {
  loop_fd = epoll_create1(0);
  ready_fd = eventfd(1, 0);
  if (loop_fd < 0 || ready_fd < 0) return 2;
  struct connection* c = calloc(1, sizeof *c);
  pthread_t loop, worker;
  pthread_create(&loop, NULL, loop_thread, NULL);
  pthread_create(&worker, NULL, register_thread, c);
  void* seen = NULL;
  pthread_join(worker, NULL);
  pthread_join(loop, &seen);
  free(c);
  close(ready_fd);
  close(loop_fd);
  return (intptr_t)seen == 3 + 'w' ? 0 : 1;
}
