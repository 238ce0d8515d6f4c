// The event loop of select_wakeup_ok.c with the order of two lines swapped:
// the wake-up byte is written before the job it announces, so the worker
// may read the job while it is being written. A data race on `job`.
// weft-exec-expect: data_race
#include <pthread.h>
#include <stddef.h>
#include <sys/select.h>
#include <unistd.h>

static int wake[2];
static int job, result;

static void* event_loop(void* arg) {
  (void)arg;
  fd_set readable;
  FD_ZERO(&readable);
  FD_SET(wake[0], &readable);
  if (select(wake[0] + 1, &readable, NULL, NULL, NULL) != 1) return NULL;
  char command;
  if (read(wake[0], &command, 1) != 1) return NULL;
  result = job * 2;
  return NULL;
}

int main(void) {
  if (pipe(wake) != 0) return 2;
  pthread_t loop;
  pthread_create(&loop, NULL, event_loop, NULL);
  if (write(wake[1], "j", 1) != 1) return 3;
  job = 21;  // BUG: after the byte that tells the worker to read it
  pthread_join(loop, NULL);
  return result == 42 ? 0 : 1;
}
