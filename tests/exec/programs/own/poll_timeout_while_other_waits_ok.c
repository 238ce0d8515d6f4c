// A reader blocks in read() on a pipe with no timeout; a ticker polls a
// quiet pipe with a 50 ms timeout and, when it expires, writes the reader's
// byte and the value it published before. On real threads the ticker's
// timeout expires while the reader waits. Under weft exec, when both wait
// on descriptors and nothing else can run, the process waits for the first
// of their timeouts, not for the one of the thread that got there first: a
// reader without a timeout waited for ever before (a hang). Correct.
// weft-exec-expect: clean
#include <poll.h>
#include <pthread.h>
#include <stddef.h>
#include <unistd.h>

static int to_reader[2], quiet[2];
static int published;

static void* reader(void* arg) {
  (void)arg;
  char c = 0;
  if (read(to_reader[0], &c, 1) != 1 || c != 'x') return (void*)1;
  return published == 42 ? NULL : (void*)1;  // written before the byte
}

static void* ticker(void* arg) {
  (void)arg;
  struct pollfd p = {quiet[0], POLLIN, 0};
  if (poll(&p, 1, 50) != 0) return (void*)1;  // nobody writes it: times out
  published = 42;
  if (write(to_reader[1], "x", 1) != 1) return (void*)1;
  return NULL;
}

int main(void) {
  if (pipe(to_reader) != 0 || pipe(quiet) != 0) return 2;
  pthread_t a, b;
  pthread_create(&a, NULL, reader, NULL);
  pthread_create(&b, NULL, ticker, NULL);
  void* ra;
  void* rb;
  pthread_join(a, &ra);
  pthread_join(b, &rb);
  return ra == NULL && rb == NULL ? 0 : 1;
}
