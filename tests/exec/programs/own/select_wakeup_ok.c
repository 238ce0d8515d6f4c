// An event loop in the old style: a worker thread waits in select() on the
// read end of a self-pipe, and other threads wake it by writing a byte,
// each after they filled in the job it then reads; pselect waits for the
// reply the same way, and select and poll on no descriptor at all are the
// classic sleeps. On real threads the worker waits for the kernel; under
// weft exec its wait must not stop the threads that would wake it. Correct.
// weft-exec-expect: clean
#include <poll.h>
#include <pthread.h>
#include <stddef.h>
#include <sys/select.h>
#include <unistd.h>

static int wake[2], reply[2];
static int job, result;

static void* event_loop(void* arg) {
  (void)arg;
  for (;;) {
    fd_set readable;
    FD_ZERO(&readable);
    FD_SET(wake[0], &readable);
    struct timeval patience = {5, 0};
    if (select(wake[0] + 1, &readable, NULL, NULL, &patience) <= 0) return NULL;  // never times out here
    char command;
    if (read(wake[0], &command, 1) != 1 || command == 'q') return NULL;
    result = job * 2;  // the job was written before its wake-up byte
    if (write(reply[1], "r", 1) != 1) return NULL;
  }
}

static int await_reply(void) {
  fd_set readable;
  FD_ZERO(&readable);
  FD_SET(reply[0], &readable);
  if (pselect(reply[0] + 1, &readable, NULL, NULL, NULL, NULL) != 1 || !FD_ISSET(reply[0], &readable)) return 0;
  char r;
  return read(reply[0], &r, 1) == 1;
}

int main(void) {
  if (pipe(wake) != 0 || pipe(reply) != 0) return 2;
  pthread_t loop;
  pthread_create(&loop, NULL, event_loop, NULL);
  struct timeval nap = {0, 1000};
  select(0, NULL, NULL, NULL, &nap);  // the worker blocks in select meanwhile
  poll(NULL, 0, 1);
  int ok = 1;
  for (int i = 1; i <= 3; ++i) {
    job = i;
    if (write(wake[1], "j", 1) != 1 || !await_reply()) return 3;
    ok = ok && result == 2 * i;
  }
  if (write(wake[1], "q", 1) != 1) return 4;
  pthread_join(loop, NULL);
  return ok ? 0 : 1;
}
