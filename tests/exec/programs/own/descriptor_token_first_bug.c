// The producer wakes the consumer through a pipe before it has written the
// message: the consumer may read it half-written. A data race on message,
// which the pipe's happens-before does not cover (its write comes first).
// weft-exec-expect: data_race
#include <pthread.h>
#include <string.h>
#include <unistd.h>

static int fds[2];
static char message[32];

static void* producer(void* arg) {
  (void)arg;
  char token = 1;
  if (write(fds[1], &token, 1) != 1) return NULL;  // BUG: the token goes before the message
  strcpy(message, "hello");
  return NULL;
}

int main(void) {
  if (pipe(fds) != 0) return 2;
  pthread_t t;
  pthread_create(&t, NULL, producer, NULL);
  char token;
  if (read(fds[0], &token, 1) != 1) return 3;
  int ok = message[0] == 'h';
  pthread_join(t, NULL);
  return ok ? 0 : 1;
}
