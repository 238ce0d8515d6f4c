// Two threads that each map a scratch buffer of their own with mmap, fill
// and sum it, and unmap it, three times over: the kernel hands one thread
// the address the other just unmapped. Nothing is shared; each unmap is
// the end of the memory the thread used (before weft followed munmap, the
// second thread's fill at the first one's old address was a false data
// race at the first execution). Correct.
// weft-exec-expect: clean
#define _DEFAULT_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

enum { buffer_size = 1 << 16, used = 64 };

static void* scratch_work(void* arg) {
  long sum = 0;
  for (int round = 0; round < 3; ++round) {
    char* buffer = mmap(NULL, buffer_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (buffer == MAP_FAILED) return NULL;
    memset(buffer, (int)(long)arg + round, used);
    for (int i = 0; i < used; ++i) sum += buffer[i];
    munmap(buffer, buffer_size);
  }
  return (void*)sum;
}

int main(void) {
  pthread_t threads[2];
  for (long i = 0; i < 2; ++i) pthread_create(&threads[i], NULL, scratch_work, (void*)(i + 1));
  long total = 0;
  for (int i = 0; i < 2; ++i) {
    void* sum;
    pthread_join(threads[i], &sum);
    total += (long)sum;
  }
  printf("%ld\n", total);
  return total == used * (1 + 2 + 3 + 2 + 3 + 4) ? 0 : 1;
}
