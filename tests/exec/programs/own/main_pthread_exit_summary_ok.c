// A batch tool whose main() starts its workers and ends with pthread_exit,
// leaving the process to them; an atexit() handler prints the summary once
// the last worker is done and checks that every job was counted. POSIX:
// after main's pthread_exit the process exits with status 0 when its last
// thread ends, as if that thread called exit(0), so the handler runs then,
// after every worker (glibc's count of live threads orders it after them).
// Each worker counts its jobs under the lock: the total is always right.
// weft did not run the exit work after main's pthread_exit before: an
// abort in the handler went unseen (the _bug twin).
// weft-exec-expect: clean
// tsan-false-positive: not run under ThreadSanitizer, whose runtime hangs when main ends with pthread_exit (clang-14: the process stays with a defunct main thread and ignores SIGTERM); natively it ends as POSIX says
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

enum { workers = 2, jobs_each = 3 };

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int jobs_done;
static long checksum;

static void print_summary(void) {
  // Every worker has ended: nothing else touches the totals now.
  printf("%d jobs, checksum %ld\n", jobs_done, checksum);
  if (jobs_done != workers * jobs_each) abort();
}

static void* worker(void* arg) {
  const long id = (long)arg;
  for (int i = 0; i < jobs_each; ++i) {
    pthread_mutex_lock(&lock);
    ++jobs_done;
    checksum += id * 10 + i;
    pthread_mutex_unlock(&lock);
  }
  return NULL;
}

int main(void) {
  atexit(print_summary);
  pthread_attr_t detached;
  pthread_attr_init(&detached);
  pthread_attr_setdetachstate(&detached, PTHREAD_CREATE_DETACHED);
  for (long id = 0; id < workers; ++id) {
    pthread_t t;
    if (pthread_create(&t, &detached, worker, (void*)id) != 0) return 1;
  }
  pthread_attr_destroy(&detached);
  pthread_exit(NULL);  // the workers go on; the last one to end exits the process
}
