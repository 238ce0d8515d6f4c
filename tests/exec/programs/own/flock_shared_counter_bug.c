// The file counter of flock_shared_counter_ok.c, where each worker takes
// the lock LOCK_SH, as for reading, around its update: both may hold it at
// once, so one update can overwrite the other's (the count comes out short,
// exit status 1), and the in-memory total is a data race.
// weft-exec-expect: data_race|exit
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
    if (flock(fd, LOCK_SH) != 0) abort();  // BUG: a shared lock for a write
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
