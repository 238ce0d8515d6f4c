// The batch tool of main_pthread_exit_summary_ok.c with the count kept in
// an atomic that each worker reads and then writes back plus one: two
// atomic operations, not one read-modify-write. No data race, but a worker
// may read the count, the other add its jobs, and the first write back a
// total that forgets them: the atexit() handler, run when the last thread
// ends after main's pthread_exit, finds jobs missing and aborts (exit
// status 134). Found only if that exit work runs: weft passed it before.
// weft-exec-expect: crash
// tsan-false-positive: not run under ThreadSanitizer, whose runtime hangs when main ends with pthread_exit (clang-14: the process stays with a defunct main thread and ignores SIGTERM); natively it ends as POSIX says
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>

enum { workers = 2, jobs_each = 3 };

static atomic_int jobs_done;

static void print_summary(void) {
  const int done = atomic_load(&jobs_done);
  printf("%d jobs\n", done);
  if (done != workers * jobs_each) abort();
}

static void* worker(void* arg) {
  (void)arg;
  for (int i = 0; i < jobs_each; ++i) {
    const int seen = atomic_load(&jobs_done);
    atomic_store(&jobs_done, seen + 1);  // BUG: atomic_fetch_add, not a load and a store
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
  pthread_exit(NULL);
}
