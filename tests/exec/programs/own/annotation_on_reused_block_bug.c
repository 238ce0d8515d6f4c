// A happens-before annotation on a heap block that is then freed, and a new
// block at the same address annotated again by another thread: the clock the
// old block's AnnotateHappensBefore released goes with its memory, as
// ThreadSanitizer frees the sync object of a freed range. The writer hands
// `shared` over through a relaxed flag only, so the reader's read races;
// were the old clock still kept at the address, the reader's
// AnnotateHappensAfter on its new block would acquire it and hide the race.
// weft-exec-expect: data_race
#include <malloc.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>

void AnnotateHappensBefore(const char* file, int line, const volatile void* address);
void AnnotateHappensAfter(const char* file, int line, const volatile void* address);

// Beyond weft's quarantine (1 MiB), from the heap (main sets the mmap
// threshold above it, and keeps the heap from shrinking): the free gives it
// straight back, and the reader's malloc of the same size returns the same
// address.
enum { block_size = 2 << 20 };

static int shared;
static atomic_int freed;

static void* writer(void* arg) {
  (void)arg;
  shared = 1;
  char* block = malloc(block_size);
  AnnotateHappensBefore(__FILE__, __LINE__, block);
  free(block);
  atomic_store_explicit(&freed, 1, memory_order_relaxed);  // orders nothing
  return NULL;
}

static void* reader(void* arg) {
  (void)arg;
  while (!atomic_load_explicit(&freed, memory_order_relaxed)) sched_yield();
  char* block = malloc(block_size);
  AnnotateHappensAfter(__FILE__, __LINE__, block);
  const int seen = shared;  // races with the writer's store
  free(block);
  return (void*)(long)seen;
}

int main(void) {
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  pthread_t w, r;
  pthread_create(&w, NULL, writer, NULL);
  pthread_create(&r, NULL, reader, NULL);
  pthread_join(w, NULL);
  pthread_join(r, NULL);
  return 0;
}
