// A daemon's main loop on a signalfd: SIGUSR1 and SIGTERM are blocked in
// every thread before any starts, main polls the signalfd and reads
// struct signalfd_siginfo records from it, counting progress reports until
// SIGTERM, which the last worker to finish sends. Correct.
// weft-exec-expect: clean
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <sys/signalfd.h>
#include <unistd.h>

enum { workers = 2, items = 3 };

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int processed = 0;
static int finished = 0;

static void* worker(void* arg) {
  (void)arg;
  for (int i = 0; i < items; ++i) {
    pthread_mutex_lock(&lock);
    ++processed;
    pthread_mutex_unlock(&lock);
  }
  kill(getpid(), SIGUSR1);  // progress
  pthread_mutex_lock(&lock);
  const int last = ++finished == workers;
  pthread_mutex_unlock(&lock);
  if (last) kill(getpid(), SIGTERM);
  return NULL;
}

int main(void) {
  sigset_t mask;
  sigemptyset(&mask);
  sigaddset(&mask, SIGUSR1);
  sigaddset(&mask, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &mask, NULL);
  const int fd = signalfd(-1, &mask, SFD_CLOEXEC);
  if (fd < 0) {
    perror("signalfd");
    return 2;
  }
  pthread_t threads[workers];
  for (int i = 0; i < workers; ++i) pthread_create(&threads[i], NULL, worker, NULL);
  int reports = 0;
  for (;;) {
    struct pollfd p = {fd, POLLIN, 0};
    if (poll(&p, 1, -1) < 0) continue;
    struct signalfd_siginfo info;
    if (read(fd, &info, sizeof info) != sizeof info) return 3;
    if (info.ssi_signo == SIGUSR1) ++reports;
    if (info.ssi_signo == SIGTERM) break;
  }
  for (int i = 0; i < workers; ++i) pthread_join(threads[i], NULL);
  close(fd);
  if (processed != workers * items || reports > workers) {
    fprintf(stderr, "processed %d, %d reports\n", processed, reports);
    return 1;
  }
  printf("stopped after %d reports\n", reports);
  return 0;
}
