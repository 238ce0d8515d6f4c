// The same configuration, read as POSIX code usually does: once per read
// lock, with the rwlock's writers first (PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP,
// set by attribute on one lock and by glibc's static initializer on the
// other) so the writer gets in between readers that take the lock in a
// loop; a try-read-lock that gives up while a writer waits; and a lock of
// glibc's default kind (readers first) whose helper takes the read lock
// again while the caller holds it, which that kind allows even with a
// writer waiting. Correct.
// weft-exec-expect: clean
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdio.h>

static pthread_rwlock_t config_lock;
static pthread_rwlock_t stats_lock = PTHREAD_RWLOCK_WRITER_NONRECURSIVE_INITIALIZER_NP;
static pthread_rwlock_t names_lock = PTHREAD_RWLOCK_INITIALIZER;  // readers first
static int limit = 10;
static int burst = 2;
static int reads;
static int skipped;
static const char* name = "old";

static int allowance(void) {
  pthread_rwlock_rdlock(&config_lock);
  const int total = limit + burst;
  pthread_rwlock_unlock(&config_lock);
  return total;
}

static int name_length(void) {
  pthread_rwlock_rdlock(&names_lock);  // again: readers-first locks allow it
  int n = 0;
  while (name[n] != '\0') ++n;
  pthread_rwlock_unlock(&names_lock);
  return n;
}

static int describe(void) {
  pthread_rwlock_rdlock(&names_lock);
  const int n = name_length() + (name[0] == 'n' ? 1 : 0);
  pthread_rwlock_unlock(&names_lock);
  return n;
}

static void* reader(void* arg) {
  int* sum = arg;
  for (int i = 0; i < 2; ++i) {
    *sum += allowance() + describe();
    if (pthread_rwlock_tryrdlock(&stats_lock) == 0) {
      ++*sum;
      pthread_rwlock_unlock(&stats_lock);
    } else {
      __atomic_fetch_add(&skipped, 1, __ATOMIC_RELAXED);  // busy: a writer holds it or waits
    }
  }
  pthread_rwlock_rdlock(&stats_lock);
  pthread_rwlock_unlock(&stats_lock);
  return NULL;
}

static void* reconfigure(void* arg) {
  (void)arg;
  pthread_rwlock_wrlock(&config_lock);
  limit = 20;
  burst = 4;
  pthread_rwlock_unlock(&config_lock);
  pthread_rwlock_wrlock(&names_lock);
  name = "new";
  pthread_rwlock_unlock(&names_lock);
  pthread_rwlock_wrlock(&stats_lock);
  ++reads;
  pthread_rwlock_unlock(&stats_lock);
  return NULL;
}

int main(void) {
  pthread_rwlockattr_t attr;
  pthread_rwlockattr_init(&attr);
  pthread_rwlockattr_setkind_np(&attr, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
  pthread_rwlock_init(&config_lock, &attr);
  pthread_rwlockattr_destroy(&attr);
  int sums[2] = {0, 0};
  pthread_t r0, r1, w;
  pthread_create(&r0, NULL, reader, &sums[0]);
  pthread_create(&r1, NULL, reader, &sums[1]);
  pthread_create(&w, NULL, reconfigure, NULL);
  pthread_join(r0, NULL);
  pthread_join(r1, NULL);
  pthread_join(w, NULL);
  pthread_rwlock_destroy(&config_lock);
  printf("totals %d %d, writes %d, skipped %d\n", sums[0], sums[1], reads, skipped);
  return 0;
}
