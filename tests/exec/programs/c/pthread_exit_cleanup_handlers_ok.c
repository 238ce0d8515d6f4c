// pthread_cleanup_push/pop in C, the way POSIX code releases what a thread
// holds when it leaves with pthread_exit: a worker locks the job table,
// pushes a handler that unlocks it and one that logs, and leaves from
// inside the critical section; its handlers run innermost first. main then
// takes the lock (it was released), checks the order, pops one handler of
// its own with execute = 1, and leaves with pthread_exit itself while a
// last thread finishes the process. Under weft exec the handlers did not
// run: the worker ended holding the table's lock (a misuse/held_at_end
// finding on a correct program).
// weft-exec-expect: clean
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static int jobs = 0;
static char order[8];
static int ran = 0;

static void log_step(void* tag) { order[ran++] = *(const char*)tag; }
static void unlock_table(void* m) {
  order[ran++] = 'u';
  pthread_mutex_unlock((pthread_mutex_t*)m);
}

static void give_up(void) { pthread_exit((void*)7); }  // from a nested call, as real code does

static void* worker(void* arg) {
  (void)arg;
  static const char logged = 'l';
  pthread_mutex_lock(&table_lock);
  pthread_cleanup_push(unlock_table, &table_lock);
  pthread_cleanup_push(log_step, (void*)&logged);
  jobs += 1;
  if (jobs > 0) give_up();
  pthread_cleanup_pop(0);
  pthread_cleanup_pop(0);
  return NULL;
}

static void* finisher(void* arg) {
  (void)arg;
  pthread_mutex_lock(&table_lock);
  const int seen = jobs;
  pthread_mutex_unlock(&table_lock);
  exit(seen == 1 ? 0 : 1);
}

int main(void) {
  static const char popped = 'p';
  pthread_t w;
  void* result = NULL;
  pthread_create(&w, NULL, worker, NULL);
  pthread_join(w, &result);
  pthread_mutex_lock(&table_lock);
  if (result != (void*)7 || ran != 2 || order[0] != 'l' || order[1] != 'u') {
    fprintf(stderr, "result %p, %d handlers ran\n", result, ran);
    abort();
  }
  pthread_mutex_unlock(&table_lock);
  pthread_cleanup_push(log_step, (void*)&popped);
  pthread_cleanup_pop(1);
  if (ran != 3 || order[2] != 'p') abort();
  pthread_t f;
  pthread_create(&f, NULL, finisher, NULL);
  pthread_exit(NULL);
}
