// C waits with deadlines as POSIX code writes them: a condition variable on
// CLOCK_MONOTONIC (pthread_condattr_setclock) waited for with
// pthread_cond_timedwait in a loop, sem_timedwait on CLOCK_REALTIME,
// pthread_mutex_timedlock, and a table filled under a rwlock's write lock
// and summed under its read lock (all or nothing). Correct.
// weft-exec-expect: clean
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <time.h>

static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv;
static int ready;
static sem_t items;
static pthread_rwlock_t table_lock = PTHREAD_RWLOCK_INITIALIZER;
static int table[4];
static atomic_int hits;

static struct timespec in_ms(clockid_t clock, long ms) {
  struct timespec t;
  clock_gettime(clock, &t);
  t.tv_nsec += ms * 1000000L;
  t.tv_sec += t.tv_nsec / 1000000000L;
  t.tv_nsec %= 1000000000L;
  return t;
}

static void* producer(void* arg) {
  (void)arg;
  pthread_mutex_lock(&m);
  ready = 1;
  pthread_cond_signal(&cv);
  pthread_mutex_unlock(&m);
  pthread_rwlock_wrlock(&table_lock);
  for (int i = 0; i < 4; ++i) table[i] = i + 1;
  pthread_rwlock_unlock(&table_lock);
  sem_post(&items);
  return NULL;
}

static void* reader(void* arg) {
  (void)arg;
  pthread_rwlock_rdlock(&table_lock);
  int sum = 0;
  for (int i = 0; i < 4; ++i) sum += table[i];
  pthread_rwlock_unlock(&table_lock);
  if (sum == 0 || sum == 10) atomic_fetch_add(&hits, 1);
  return NULL;
}

int main(void) {
  pthread_condattr_t attr;
  pthread_condattr_init(&attr);
  pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
  pthread_cond_init(&cv, &attr);
  sem_init(&items, 0, 0);
  pthread_t p, r;
  pthread_create(&p, NULL, producer, NULL);
  pthread_create(&r, NULL, reader, NULL);
  pthread_mutex_lock(&m);
  while (!ready) {
    struct timespec until = in_ms(CLOCK_MONOTONIC, 100);
    if (pthread_cond_timedwait(&cv, &m, &until) == ETIMEDOUT) continue;
  }
  pthread_mutex_unlock(&m);
  struct timespec until = in_ms(CLOCK_REALTIME, 1000);
  while (sem_timedwait(&items, &until) != 0) {
    if (errno != EINTR && errno != ETIMEDOUT) return 3;
    until = in_ms(CLOCK_REALTIME, 1000);
  }
  struct timespec lock_until = in_ms(CLOCK_REALTIME, 50);
  if (pthread_mutex_timedlock(&m, &lock_until) == 0) pthread_mutex_unlock(&m);
  pthread_join(p, NULL);
  pthread_join(r, NULL);
  return atomic_load(&hits) == 1 ? 0 : 1;
}
