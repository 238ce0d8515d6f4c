// A lock cycle after some locked work: each thread first counts eight times
// under a mutex of its own, then takes locks a and b in opposite orders. The
// schedules a random search deadlocks on switch threads all through the
// counting; the schedule weft exec shrinks the finding to (as weft run does,
// each candidate in a process of its own) needs one preemption.
// weft-exec-expect: deadlock|lock_order_inversion
#include <pthread.h>

static pthread_mutex_t a = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t b = PTHREAD_MUTEX_INITIALIZER;

struct worker {
  pthread_mutex_t own;
  int count;
  int a_first;
};

static void* work(void* arg) {
  struct worker* w = arg;
  for (int i = 0; i < 8; i++) {
    pthread_mutex_lock(&w->own);
    w->count++;
    pthread_mutex_unlock(&w->own);
  }
  pthread_mutex_t* first = w->a_first ? &a : &b;
  pthread_mutex_t* second = w->a_first ? &b : &a;
  pthread_mutex_lock(first);
  pthread_mutex_lock(second);
  pthread_mutex_unlock(second);
  pthread_mutex_unlock(first);
  return NULL;
}

int main(void) {
  struct worker one = {PTHREAD_MUTEX_INITIALIZER, 0, 1};
  struct worker two = {PTHREAD_MUTEX_INITIALIZER, 0, 0};
  pthread_t t1, t2;
  pthread_create(&t1, NULL, work, &one);
  pthread_create(&t2, NULL, work, &two);
  pthread_join(t1, NULL);
  pthread_join(t2, NULL);
  return one.count + two.count == 16 ? 0 : 1;
}
