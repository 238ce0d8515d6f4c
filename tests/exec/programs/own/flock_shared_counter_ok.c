// Two workers keep a count in a file that other processes may update too,
// each through its own descriptor (its own open file description), and
// serialise their updates with flock(LOCK_EX): read the number, add one,
// write it back, unlock. They also total their updates in memory under the
// same lock. flock's locks belong to the open file description, so the
// threads exclude each other as processes would; the second one's flock
// waits in the kernel. weft ran every thread on one OS thread and that wait
// held the holder too: this correct program was a `hang` before.
// weft-exec-expect: clean
// tsan-false-positive: ThreadSanitizer does not intercept flock, so it orders nothing from one holder of the lock to the next and reports the updates under it as races; weft orders them (file_locks.cpp)
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

enum { workers = 2, updates = 3 };

static char path[32];  // the counter file, by a name of its own (see main)
static int updates_total;  // under the file lock

static int read_count(int fd) {
  char text[32] = {0};
  if (pread(fd, text, sizeof text - 1, 0) < 0) return -1;
  return atoi(text);
}

static void write_count(int fd, int count) {
  char text[32];
  const int n = snprintf(text, sizeof text, "%d\n", count);
  if (ftruncate(fd, 0) != 0 || pwrite(fd, text, (size_t)n, 0) != n) abort();
}

static void* worker(void* arg) {
  (void)arg;
  const int fd = open(path, O_RDWR);
  if (fd < 0) abort();
  for (int i = 0; i < updates; ++i) {
    if (flock(fd, LOCK_EX) != 0) abort();
    write_count(fd, read_count(fd) + 1);
    ++updates_total;
    flock(fd, LOCK_UN);
  }
  close(fd);
  return NULL;
}

int main(void) {
  // An unnamed temporary file, nothing to clean up whatever happens; each
  // worker opens it again through /proc, a new open file description.
  const int fd = open("/tmp", O_TMPFILE | O_RDWR, 0600);
  if (fd < 0) return 2;
  snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
  write_count(fd, 0);
  pthread_t threads[workers];
  for (int i = 0; i < workers; ++i) pthread_create(&threads[i], NULL, worker, NULL);
  for (int i = 0; i < workers; ++i) pthread_join(threads[i], NULL);
  const int count = read_count(fd);
  close(fd);
  if (count != workers * updates || updates_total != workers * updates) {
    fprintf(stderr, "count %d, total %d\n", count, updates_total);
    return 1;
  }
  return 0;
}
