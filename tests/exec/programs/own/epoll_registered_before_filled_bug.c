// The same registration, with the state filled in after epoll_ctl: the
// descriptor is already readable, so the loop thread may get the event and
// read the state before the worker wrote it (a data race, and a wrong count).
// weft-exec-expect: data_race
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
  return (void*)(intptr_t)(c->requests + c->name[0]);  // 3 + 'w', if it was filled in
}

static void* register_thread(void* arg) {
  struct connection* c = arg;
  struct epoll_event ev = {.events = EPOLLIN, .data.ptr = c};
  if (epoll_ctl(loop_fd, EPOLL_CTL_ADD, ready_fd, &ev) != 0) abort();
  c->fd = ready_fd;  // BUG: the loop may already be reading the state
  c->requests = 3;
  c->name[0] = 'w';
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
