// An event loop on epoll with a non-blocking signalfd, drained until EAGAIN.
// The bug: the first worker to finish sends SIGTERM, and on SIGTERM main
// reads the total at once, while the other worker may still be adding to it
// under the lock main does not take. A data race (and a short total).
// Buggy.
// weft-exec-expect: data_race
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <unistd.h>

enum { workers = 2, items = 3 };

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int total = 0;

static void* worker(void* arg) {
  (void)arg;
  for (int i = 0; i < items; ++i) {
    pthread_mutex_lock(&lock);
    ++total;
    pthread_mutex_unlock(&lock);
  }
  kill(getpid(), SIGTERM);  // "done": but only this worker is
  return NULL;
}

int main(void) {
  sigset_t mask;
  sigemptyset(&mask);
  sigaddset(&mask, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &mask, NULL);
  const int signals = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
  const int loop = epoll_create1(EPOLL_CLOEXEC);
  struct epoll_event interest = {.events = EPOLLIN, .data.fd = signals};
  epoll_ctl(loop, EPOLL_CTL_ADD, signals, &interest);

  pthread_t threads[workers];
  for (int i = 0; i < workers; ++i) pthread_create(&threads[i], NULL, worker, NULL);
  int stopping = 0, seen = 0;
  while (!stopping) {
    struct epoll_event ready;
    if (epoll_wait(loop, &ready, 1, -1) != 1) continue;
    struct signalfd_siginfo info;
    while (read(signals, &info, sizeof info) == sizeof info) {
      if (info.ssi_signo == SIGTERM) stopping = 1;
    }
    if (errno != EAGAIN) return 3;
  }
  seen = total;  // not under the lock: the other worker may still be adding
  for (int i = 0; i < workers; ++i) pthread_join(threads[i], NULL);
  close(signals);
  close(loop);
  printf("total %d when stopping\n", seen);
  return 0;
}
