// A lost update whose place in the schedule depends on an address: each
// worker first visits as many buckets as the address of the counter says
// (a pointer-keyed hash table computes a bucket so), each visit a lock and
// an unlock, then reads the counter and writes it back plus one; main's
// assert() fails when both read 0. The schedule that finds it replays only
// if the counter has the same address in the replaying process: under
// address space randomisation it did in about one run in three (a new
// layout each run; the schedule diverged, "nondeterminism"); weft exec
// turns randomisation off for the programs it starts, as gdb and rr do.
// weft-exec-expect: crash
// weft-exec-needs: fixed addresses
#include <assert.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

static atomic_int count;
static pthread_mutex_t bucket_lock = PTHREAD_MUTEX_INITIALIZER;

static void* worker(void* arg) {
  (void)arg;
  const uintptr_t buckets = ((uintptr_t)&count >> 12) % 16;
  for (uintptr_t i = 0; i < buckets; ++i) {
    pthread_mutex_lock(&bucket_lock);
    pthread_mutex_unlock(&bucket_lock);
  }
  const int seen = atomic_load(&count);
  atomic_store(&count, seen + 1);
  return NULL;
}

int main(void) {
  pthread_t a, b;
  pthread_create(&a, NULL, worker, NULL);
  pthread_create(&b, NULL, worker, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  assert(atomic_load(&count) == 2);
  return 0;
}
