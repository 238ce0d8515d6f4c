// The heartbeat loop of own/timerfd_heartbeat_ok.c, but the heartbeat logs
// the worker's progress without taking the lock the worker counts under: a
// data race at the first heartbeat that comes while the worker works.
// Buggy.
// weft-exec-expect: data_race
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int progress = 0;
static int done_fd = -1;

static void* worker(void* arg) {
  (void)arg;
  for (int step = 0; step < 7; ++step) {
    sleep(1);
    pthread_mutex_lock(&lock);
    ++progress;
    pthread_mutex_unlock(&lock);
  }
  const uint64_t one = 1;
  if (write(done_fd, &one, sizeof one) != sizeof one) return NULL;
  return NULL;
}

int main(void) {
  done_fd = eventfd(0, EFD_CLOEXEC);
  const int heartbeat = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
  const struct itimerspec every_2s = {.it_interval = {2, 0}, .it_value = {2, 0}};
  timerfd_settime(heartbeat, 0, &every_2s, NULL);
  const int loop = epoll_create1(EPOLL_CLOEXEC);
  struct epoll_event on_beat = {.events = EPOLLIN, .data.fd = heartbeat};
  struct epoll_event on_done = {.events = EPOLLIN, .data.fd = done_fd};
  epoll_ctl(loop, EPOLL_CTL_ADD, heartbeat, &on_beat);
  epoll_ctl(loop, EPOLL_CTL_ADD, done_fd, &on_done);

  pthread_t thread;
  pthread_create(&thread, NULL, worker, NULL);
  int beats = 0, finished = 0;
  while (!finished) {
    struct epoll_event ready[2];
    const int n = epoll_wait(loop, ready, 2, -1);
    for (int i = 0; i < n; ++i) {
      uint64_t count = 0;
      if (read(ready[i].data.fd, &count, sizeof count) != sizeof count) continue;
      if (ready[i].data.fd == done_fd) {
        finished = 1;
      } else {
        beats += (int)count;
        const int now = progress;  // not under the lock
        printf("heartbeat %d: %d/7\n", beats, now);
      }
    }
  }
  pthread_join(thread, NULL);
  struct itimerspec left;
  timerfd_gettime(heartbeat, &left);
  close(heartbeat);
  close(done_fd);
  close(loop);
  if (beats < 2 || beats > 4 || left.it_interval.tv_sec != 2) {
    fprintf(stderr, "%d heartbeats in 7 s of work, interval %ld s\n", beats, (long)left.it_interval.tv_sec);
    return 1;
  }
  printf("%d heartbeats\n", beats);
  return 0;
}
