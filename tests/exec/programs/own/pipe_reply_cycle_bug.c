// Two threads that each answer the other: each reads its request pipe
// before writing to the other's, so each waits for the other's answer
// first, for ever. On real threads the process hangs. weft exec reports the
// deadlock at once: every thread waits on descriptors only the program's
// own threads write, with no timeout.
// weft-exec-expect: deadlock
#include <pthread.h>
#include <stddef.h>
#include <unistd.h>

static int to_a[2], to_b[2];

static void* answer(int from, int to) {
  char request;
  if (read(from, &request, 1) != 1) return (void*)1;  // BUG: both read first
  if (write(to, "r", 1) != 1) return (void*)1;
  return NULL;
}

static void* a(void* arg) {
  (void)arg;
  return answer(to_a[0], to_b[1]);
}

static void* b(void* arg) {
  (void)arg;
  return answer(to_b[0], to_a[1]);
}

int main(void) {
  if (pipe(to_a) != 0 || pipe(to_b) != 0) return 2;
  pthread_t ta, tb;
  pthread_create(&ta, NULL, a, NULL);
  pthread_create(&tb, NULL, b, NULL);
  pthread_join(ta, NULL);
  pthread_join(tb, NULL);
  return 0;
}
