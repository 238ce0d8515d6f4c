// Shutting workers down with pthread_cancel, the way long-lived POSIX C code
// does: each worker blocks at a different cancellation point (a condition
// wait with a cleanup handler that unlocks the queue, a semaphore, a read
// from a pipe, a sleep loop, a poll) and main cancels them all and joins
// each, which gives PTHREAD_CANCELED. A last worker holds off cancellation
// while it updates a total (pthread_setcancelstate) and only then reaches
// pthread_testcancel. Afterwards main takes the queue's lock (the handler
// released it) and checks that every handler ran once. Before weft followed
// cancellation, pthread_cancel ended the run with an error (exit 2).
// (ThreadSanitizer cannot run it: a thread cancelled inside one of its
// interceptors "finished with ignores enabled".)
// weft-exec-expect: clean
#define _DEFAULT_SOURCE  // usleep
#include <poll.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static pthread_mutex_t queue_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t queue_ready = PTHREAD_COND_INITIALIZER;
static int queued = 0;
static int handlers_ran = 0;  // under queue_lock
static sem_t permits;
static int pipe_fds[2];
static long total = 0;  // written by the careful worker only, read after the join

static void unlock_queue(void* m) {
  handlers_ran++;  // queue_lock is held: the wait took it back before the handler ran
  pthread_mutex_unlock((pthread_mutex_t*)m);
}

static void count_handler(void* unused) {
  (void)unused;
  pthread_mutex_lock(&queue_lock);
  handlers_ran++;
  pthread_mutex_unlock(&queue_lock);
}

static void* queue_worker(void* arg) {
  (void)arg;
  pthread_mutex_lock(&queue_lock);
  pthread_cleanup_push(unlock_queue, &queue_lock);
  while (queued == 0) pthread_cond_wait(&queue_ready, &queue_lock);
  queued--;
  pthread_cleanup_pop(1);
  return NULL;
}

static void* permit_worker(void* arg) {
  (void)arg;
  pthread_cleanup_push(count_handler, NULL);
  for (;;) sem_wait(&permits);
  pthread_cleanup_pop(0);
  return NULL;
}

static void* pipe_worker(void* arg) {
  (void)arg;
  char byte;
  pthread_cleanup_push(count_handler, NULL);
  while (read(pipe_fds[0], &byte, 1) > 0) {
  }
  pthread_cleanup_pop(0);
  return NULL;
}

static void* sleepy_worker(void* arg) {
  (void)arg;
  pthread_cleanup_push(count_handler, NULL);
  for (;;) {
    usleep(1000);
    struct pollfd none;
    poll(&none, 0, 5);
  }
  pthread_cleanup_pop(0);
  return NULL;
}

static void* careful_worker(void* arg) {
  (void)arg;
  int old;
  pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &old);
  for (int i = 1; i <= 10; ++i) {
    total += i;
    usleep(100);  // a cancellation point, but cancellation is disabled
  }
  pthread_setcancelstate(old, NULL);
  for (;;) pthread_testcancel();
  return NULL;
}

int main(void) {
  sem_init(&permits, 0, 0);
  if (pipe(pipe_fds) != 0) return 1;
  void* (*routines[])(void*) = {queue_worker, permit_worker, pipe_worker, sleepy_worker, careful_worker};
  enum { workers = sizeof routines / sizeof routines[0] };
  pthread_t threads[workers];
  for (int i = 0; i < workers; ++i) pthread_create(&threads[i], NULL, routines[i], NULL);
  for (int i = 0; i < workers; ++i) pthread_cancel(threads[i]);
  for (int i = 0; i < workers; ++i) {
    void* result = NULL;
    pthread_join(threads[i], &result);
    if (result != PTHREAD_CANCELED) {
      fprintf(stderr, "worker %d was not cancelled\n", i);
      abort();
    }
  }
  pthread_mutex_lock(&queue_lock);  // free again: the handler unlocked it
  const int ran = handlers_ran;
  pthread_mutex_unlock(&queue_lock);
  if (total != 55) {
    fprintf(stderr, "the careful worker was cancelled while it could not be: total %ld\n", total);
    abort();
  }
  // The queue worker's handler runs only if it was cancelled in its wait,
  // which it always reaches: queued stays 0.
  if (ran != workers - 1) {
    fprintf(stderr, "%d cleanup handlers ran, not %d\n", ran, workers - 1);
    abort();
  }
  close(pipe_fds[0]);
  close(pipe_fds[1]);
  sem_destroy(&permits);
  puts("every worker cancelled");
  return 0;
}
