// A server's start-up, as a library or a global's constructor does it
// before main: SIGPIPE ignored, and a SIGCHLD handler that reaps every
// child that ends (waitpid(-1) in a loop), so that no worker process it
// ever starts becomes a zombie. Then main serves two requests on two
// threads. Under weft exec the start-up runs in the process that forks the
// executions, and the handler reaped weft's own execution processes, whose
// ends weft then could not wait for ("waitpid: No child processes", exit 3
// without a verdict); with SIGCHLD ignored, the same. weft now keeps the
// default SIGCHLD in that process and gives each execution the program's.
// weft-exec-expect: clean
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <sys/wait.h>

static void reap_children(int sig) {
  (void)sig;
  const int saved = errno;
  while (waitpid(-1, NULL, WNOHANG) > 0) {
  }
  errno = saved;
}

__attribute__((constructor)) static void server_start_up(void) {
  signal(SIGPIPE, SIG_IGN);
  struct sigaction reaper = {0};
  reaper.sa_handler = reap_children;
  reaper.sa_flags = SA_RESTART | SA_NOCLDSTOP;
  sigemptyset(&reaper.sa_mask);
  sigaction(SIGCHLD, &reaper, NULL);
}

static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static int served;

static void* serve_request(void* arg) {
  (void)arg;
  pthread_mutex_lock(&stats_lock);
  ++served;
  pthread_mutex_unlock(&stats_lock);
  return NULL;
}

int main(void) {
  pthread_t workers[2];
  for (int i = 0; i < 2; ++i) pthread_create(&workers[i], NULL, serve_request, NULL);
  for (int i = 0; i < 2; ++i) pthread_join(workers[i], NULL);
  struct sigaction now;
  sigaction(SIGCHLD, NULL, &now);  // the program's handler, as it installed it
  return served == 2 && now.sa_handler == reap_children ? 0 : 1;
}
