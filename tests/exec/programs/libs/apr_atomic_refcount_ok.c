// The Apache Portable Runtime's atomics (libapr-1): main fills a message
// and publishes it with apr_atomic_set32 on a flag; two workers spin on
// apr_atomic_read32 until it is set, read the message, then drop their
// reference with apr_atomic_dec32, and the one that drops the last frees
// the message (apr_atomic_dec32 returns zero to exactly that one). APR's
// atomics are sequentially consistent. Correct.
// weft-exec-expect: clean
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
  if (apr_atomic_dec32(&m->refs) == 0) free(m);
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
