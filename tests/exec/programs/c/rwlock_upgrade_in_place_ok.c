// The same lazily filled cache, filled as it must be: a reader that finds
// it empty lets go of its read lock, takes the write lock, and checks again
// (another thread may have filled it in between) before filling it.
// weft-exec-expect: clean
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
#include <stdio.h>

static pthread_rwlock_t cache_lock = PTHREAD_RWLOCK_INITIALIZER;
static int cache_valid;
static int cached;
static int lookups;

static int expensive_lookup(void) {
  ++lookups;  // under the write lock
  return 42;
}

static void* lookup(void* arg) {
  int* out = arg;
  pthread_rwlock_rdlock(&cache_lock);
  int valid = cache_valid;
  int value = cached;
  pthread_rwlock_unlock(&cache_lock);
  if (!valid) {
    pthread_rwlock_wrlock(&cache_lock);
    if (!cache_valid) {  // again: it may have been filled meanwhile
      cached = expensive_lookup();
      cache_valid = 1;
    }
    value = cached;
    pthread_rwlock_unlock(&cache_lock);
  }
  *out = value;
  return NULL;
}

int main(void) {
  int results[2];
  pthread_t a, b;
  pthread_create(&a, NULL, lookup, &results[0]);
  pthread_create(&b, NULL, lookup, &results[1]);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  printf("%d %d, %d lookup(s)\n", results[0], results[1], lookups);
  return lookups == 1 && results[0] == 42 && results[1] == 42 ? 0 : 1;
}
