// Two workers each release the shared buffer when they are done with it:
// whichever frees second frees it again. glibc aborts only when the block
// is still at the top of its bin; weft reports the second free.
// weft-exec-expect: misuse/double_free
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

static char* buffer;

static void* worker(void* arg) {
  (void)arg;
  char local[16];
  memcpy(local, buffer, sizeof local);
  free(buffer);  // BUG: both workers free it
  return NULL;
}

int main(void) {
  buffer = calloc(1, 64);
  pthread_t a, b;
  pthread_create(&a, NULL, worker, NULL);
  pthread_create(&b, NULL, worker, NULL);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  return 0;
}
