// A worker thread that sleeps in sigsuspend() until its controller tells it,
// with pthread_kill(), that there is a job: the job is published under a
// mutex, SIGUSR1 is blocked except inside the wait, and the handler only
// sets a flag the worker itself reads. Three jobs, then a stop. Correct.
// weft-exec-expect: clean
#include <pthread.h>
#include <signal.h>
#include <stdio.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int jobs_posted = 0;
static int jobs_done = 0;
static int stop = 0;
static volatile sig_atomic_t woken = 0;  // written by the handler in the worker only

static void on_usr1(int signal) {
  (void)signal;
  woken = 1;
}

static void* worker(void* arg) {
  const sigset_t* waiting_mask = arg;
  for (;;) {
    pthread_mutex_lock(&lock);
    const int posted = jobs_posted, stopping = stop;
    jobs_done = posted;
    pthread_mutex_unlock(&lock);
    if (stopping) return NULL;
    while (!woken) sigsuspend(waiting_mask);  // SIGUSR1 open only here
    woken = 0;
  }
}

int main(void) {
  struct sigaction action = {0};
  action.sa_handler = on_usr1;
  sigemptyset(&action.sa_mask);
  sigaction(SIGUSR1, &action, NULL);
  sigset_t usr1;
  static sigset_t waiting_mask;
  sigemptyset(&usr1);
  sigaddset(&usr1, SIGUSR1);
  pthread_sigmask(SIG_BLOCK, &usr1, &waiting_mask);  // the worker inherits it

  pthread_t thread;
  pthread_create(&thread, NULL, worker, &waiting_mask);
  for (int job = 0; job < 3; ++job) {
    pthread_mutex_lock(&lock);
    ++jobs_posted;
    pthread_mutex_unlock(&lock);
    pthread_kill(thread, SIGUSR1);
  }
  pthread_mutex_lock(&lock);
  stop = 1;
  pthread_mutex_unlock(&lock);
  pthread_kill(thread, SIGUSR1);
  pthread_join(thread, NULL);
  if (jobs_done != 3) {
    fprintf(stderr, "the worker saw %d jobs, expected 3\n", jobs_done);
    return 1;
  }
  puts("three jobs and a stop");
  return 0;
}
