// The correct twin of annotation_on_reused_block_bug.c: the writer's
// AnnotateHappensBefore and the reader's AnnotateHappensAfter name the same
// block, alive until both threads are joined, so the annotations order the
// writer's store of `shared` before the reader's load, as the relaxed flag
// alone does not. (Blocks of the same size are allocated and freed in
// between, at other addresses: their clocks go, this one stays.)
// weft-exec-expect: clean
#include <malloc.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>

void AnnotateHappensBefore(const char* file, int line, const volatile void* address);
void AnnotateHappensAfter(const char* file, int line, const volatile void* address);

enum { block_size = 2 << 20 };  // beyond weft's quarantine, as in the buggy twin

static int shared;
static atomic_int published;
static char* channel;  // the annotated block

static void* writer(void* arg) {
  (void)arg;
  shared = 1;
  AnnotateHappensBefore(__FILE__, __LINE__, channel);
  char* scratch = malloc(block_size);
  free(scratch);
  atomic_store_explicit(&published, 1, memory_order_relaxed);
  return NULL;
}

static void* reader(void* arg) {
  (void)arg;
  while (!atomic_load_explicit(&published, memory_order_relaxed)) sched_yield();
  AnnotateHappensAfter(__FILE__, __LINE__, channel);
  return (void*)(long)shared;
}

int main(void) {
  mallopt(M_MMAP_THRESHOLD, 32 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  channel = malloc(block_size);
  pthread_t w, r;
  pthread_create(&w, NULL, writer, NULL);
  pthread_create(&r, NULL, reader, NULL);
  pthread_join(w, NULL);
  void* seen = NULL;
  pthread_join(r, &seen);
  free(channel);
  return seen == (void*)1 ? 0 : 1;
}
