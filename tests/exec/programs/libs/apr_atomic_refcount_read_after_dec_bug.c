// The readers of apr_atomic_refcount_ok.c, but each decides whether it
// dropped the last reference with a separate apr_atomic_read32 after its
// apr_atomic_dec32: when both decrements come before both reads, both
// readers free the message.
// weft-exec-expect: misuse/double_free|misuse/use_after_free|data_race
#include <apr_atomic.h>
#include <apr_general.h>
#include <assert.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
  volatile apr_uint32_t refs;
  char text[16];
} message;

static message* shared;
static volatile apr_uint32_t published;

static void* reader(void* arg) {
  (void)arg;
  while (apr_atomic_read32(&published) == 0) {
  }
  message* m = shared;
  assert(strcmp(m->text, "hello") == 0);
  apr_atomic_dec32(&m->refs);
  if (apr_atomic_read32(&m->refs) == 0) free(m);  // both may see zero
  return NULL;
}

int main(void) {
  assert(apr_initialize() == APR_SUCCESS);
  pthread_t readers[2];
  for (int i = 0; i < 2; ++i) assert(pthread_create(&readers[i], NULL, reader, NULL) == 0);
  message* m = malloc(sizeof *m);
  strcpy(m->text, "hello");
  apr_atomic_set32(&m->refs, 2);
  shared = m;
  apr_atomic_set32(&published, 1);
  for (int i = 0; i < 2; ++i) assert(pthread_join(readers[i], NULL) == 0);
  apr_terminate();
  return 0;
}
