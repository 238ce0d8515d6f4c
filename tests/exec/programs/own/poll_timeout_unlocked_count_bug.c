// Two threads each wait in poll() with a timeout on a pipe nobody writes,
// one 20 ms and one 60 ms, and count their timeouts in a shared counter
// without a lock, while a third blocks in read() until the last of them
// writes. The timeouts come one after the other in time, but nothing
// orders the two threads' counts: a data race weft must still find when
// the waits end by timeout.
// weft-exec-expect: data_race
#include <poll.h>
#include <pthread.h>
#include <stddef.h>
#include <unistd.h>

static int done_pipe[2], quiet[2];
static int timeouts;  // BUG: updated by two threads without a lock

static void* waiter(void* arg) {
  struct pollfd p = {quiet[0], POLLIN, 0};
  if (poll(&p, 1, (int)(long)arg) == 0) ++timeouts;
  if (write(done_pipe[1], "d", 1) != 1) return (void*)1;
  return NULL;
}

static void* collector(void* arg) {
  (void)arg;
  char c;
  for (int i = 0; i < 2; ++i) {
    if (read(done_pipe[0], &c, 1) != 1) return (void*)1;
  }
  return NULL;
}

int main(void) {
  if (pipe(done_pipe) != 0 || pipe(quiet) != 0) return 2;
  pthread_t a, b, c;
  pthread_create(&c, NULL, collector, NULL);
  pthread_create(&a, NULL, waiter, (void*)20L);
  pthread_create(&b, NULL, waiter, (void*)60L);
  pthread_join(a, NULL);
  pthread_join(b, NULL);
  pthread_join(c, NULL);
  return timeouts == 2 ? 0 : 1;
}
