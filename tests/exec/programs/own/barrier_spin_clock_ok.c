// A pthread barrier between three threads, a spinlock around a shared sum,
// and a timed wait on logical time (clock_gettime, pthread_cond_timedwait,
// nanosleep): correct in every interleaving.
// weft-exec-expect: clean
#define _GNU_SOURCE
#include <assert.h>
#include <errno.h>
#include <pthread.h>
#include <time.h>

static pthread_barrier_t barrier;
static pthread_spinlock_t spin;
static int sum;
static int phase_one[3];

static void* worker(void* arg) {
  int id = (int)(long)arg;
  phase_one[id] = id + 1;
  pthread_barrier_wait(&barrier);
  int seen = phase_one[0] + phase_one[1] + phase_one[2];  // every phase-one write happened before
  assert(seen == 6);
  pthread_spin_lock(&spin);
  sum += seen;
  pthread_spin_unlock(&spin);
  return NULL;
}

int main(void) {
  pthread_barrier_init(&barrier, NULL, 3);
  pthread_spin_init(&spin, PTHREAD_PROCESS_PRIVATE);
  pthread_t t[3];
  for (long i = 0; i < 3; i++) pthread_create(&t[i], NULL, worker, (void*)i);
  for (int i = 0; i < 3; i++) pthread_join(t[i], NULL);
  assert(sum == 18);

  // Nobody signals: the timed wait times out, 50 ms later in logical time.
  pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
  pthread_cond_t c = PTHREAD_COND_INITIALIZER;
  struct timespec start, deadline, end;
  clock_gettime(CLOCK_REALTIME, &start);
  deadline = start;
  deadline.tv_nsec += 50 * 1000 * 1000;
  if (deadline.tv_nsec >= 1000000000) {
    deadline.tv_sec++;
    deadline.tv_nsec -= 1000000000;
  }
  pthread_mutex_lock(&m);
  assert(pthread_cond_timedwait(&c, &m, &deadline) == ETIMEDOUT);
  pthread_mutex_unlock(&m);
  struct timespec nap = {0, 1000};
  nanosleep(&nap, NULL);
  clock_gettime(CLOCK_REALTIME, &end);
  long long waited = (end.tv_sec - start.tv_sec) * 1000000000LL + (end.tv_nsec - start.tv_nsec);
  assert(waited >= 50 * 1000 * 1000);
  pthread_barrier_destroy(&barrier);
  return 0;
}
