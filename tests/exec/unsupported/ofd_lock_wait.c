// A worker that waits in fcntl(F_OFD_SETLKW) for an open file description
// lock main holds on a file (a wait weft exec does not follow) and takes
// once main lets it go after a sleep: on real threads main runs meanwhile;
// under weft exec the wait in the kernel holds every logical thread, and
// the watchdog's `hang` names the call it waits in.
#define _GNU_SOURCE
#include <assert.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static char path[64];

static int lock_whole(int fd, short type, int command) {
  struct flock l = {.l_type = type, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0, .l_pid = 0};
  return fcntl(fd, command, &l);
}

static void* worker(void* arg) {
  (void)arg;
  const int fd = open(path, O_RDWR);
  assert(fd >= 0);
  assert(lock_whole(fd, F_WRLCK, F_OFD_SETLKW) == 0);  // waits for main's lock
  close(fd);
  return NULL;
}

int main(void) {
  const int fd = open("/tmp", O_TMPFILE | O_RDWR, 0600);
  assert(fd >= 0);
  snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
  assert(lock_whole(fd, F_WRLCK, F_OFD_SETLK) == 0);
  pthread_t t;
  pthread_create(&t, NULL, worker, NULL);
  usleep(1000);  // the worker waits in fcntl first
  lock_whole(fd, F_UNLCK, F_OFD_SETLK);
  pthread_join(t, NULL);
  close(fd);
  return 0;
}
