// A condition variable on the monotonic clock (pthread_condattr_setclock, as
// Qt's QWaitCondition and much C code set it) takes pthread_cond_timedwait's
// deadline on that clock; one made with PTHREAD_COND_INITIALIZER takes it on
// the realtime clock. Each waiter below waits for a flag with a deadline 30
// seconds ahead, and a wait may end in ETIMEDOUT only once its clock has
// reached the deadline (POSIX): weft may let the time pass, but not time out
// early. Reading a monotonic deadline as a realtime one put it decades in
// the past, and every such wait timed out at once.
// weft-exec-expect: clean
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

struct waiting {
  pthread_mutex_t lock;
  pthread_cond_t cond;
  clockid_t clock;
  int ready;
};

static struct waiting monotonic = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, CLOCK_MONOTONIC, 0};
static struct waiting realtime = {PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, CLOCK_REALTIME, 0};

static int before(const struct timespec* a, const struct timespec* b) {
  return a->tv_sec < b->tv_sec || (a->tv_sec == b->tv_sec && a->tv_nsec < b->tv_nsec);
}

static void* waiter(void* arg) {
  struct waiting* w = arg;
  struct timespec deadline;
  clock_gettime(w->clock, &deadline);
  deadline.tv_sec += 30;
  pthread_mutex_lock(&w->lock);
  while (!w->ready) {
    if (pthread_cond_timedwait(&w->cond, &w->lock, &deadline) == ETIMEDOUT) {
      struct timespec now;
      clock_gettime(w->clock, &now);
      if (before(&now, &deadline)) abort();  // timed out before its deadline
      break;
    }
  }
  pthread_mutex_unlock(&w->lock);
  return NULL;
}

static void* signaller(void* arg) {
  struct waiting* w = arg;
  pthread_mutex_lock(&w->lock);
  w->ready = 1;
  pthread_cond_signal(&w->cond);
  pthread_mutex_unlock(&w->lock);
  return NULL;
}

int main(void) {
  pthread_condattr_t attributes;
  pthread_condattr_init(&attributes);
  pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC);
  pthread_cond_init(&monotonic.cond, &attributes);
  pthread_condattr_destroy(&attributes);
  pthread_t threads[4];
  pthread_create(&threads[0], NULL, waiter, &monotonic);
  pthread_create(&threads[1], NULL, signaller, &monotonic);
  pthread_create(&threads[2], NULL, waiter, &realtime);
  pthread_create(&threads[3], NULL, signaller, &realtime);
  for (int i = 0; i < 4; ++i) pthread_join(threads[i], NULL);
  pthread_cond_destroy(&monotonic.cond);
  return 0;
}
