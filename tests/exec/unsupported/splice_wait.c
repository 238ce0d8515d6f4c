// A worker that waits in splice() for data on an empty pipe (a wait weft
// exec does not follow) and moves it on once main writes, after a sleep: on
// real threads main runs meanwhile; under weft exec the wait in the kernel
// holds every logical thread, and the watchdog's `hang` names the call it
// waits in.
#define _GNU_SOURCE
#include <assert.h>
#include <fcntl.h>
#include <pthread.h>
#include <unistd.h>

static int in[2], out[2];

static void* worker(void* arg) {
  (void)arg;
  assert(splice(in[0], NULL, out[1], NULL, 1, 0) == 1);  // waits for main's byte
  return NULL;
}

int main(void) {
  assert(pipe(in) == 0 && pipe(out) == 0);
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  usleep(1000);  // the worker waits in splice first
  assert(write(in[1], "x", 1) == 1);
  pthread_join(t, NULL);
  char c;
  assert(read(out[0], &c, 1) == 1 && c == 'x');
  return 0;
}
