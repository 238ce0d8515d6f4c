// Two workers update one record of a file that other processes may update
// too, each through its own descriptor (its own open file description),
// and serialise their updates with an open file description lock on the
// record's bytes (fcntl F_OFD_SETLKW, the per-open-file lock Linux added
// for threads): read the record, add one, write it back, unlock. They also
// total their updates in memory under the same lock. The second worker's
// fcntl waits in the kernel for the first's lock; weft ran every thread on
// one OS thread and that wait held the holder too: this correct program
// was a `hang` before.
// weft-exec-expect: clean
// tsan-false-positive: ThreadSanitizer does not intercept fcntl's locks, so it orders nothing from one holder of the lock to the next and reports the updates under it as races; weft orders them (file_locks.cpp)
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

enum { workers = 2, updates = 3, record_size = 16, record = 1 };

static char path[32];      // the record file, by a name of its own (see main)
static int updates_total;  // under the record's lock

static int lock_record(int fd, short type) {
  struct flock l = {.l_type = type, .l_whence = SEEK_SET, .l_start = record * record_size, .l_len = record_size};
  return fcntl(fd, type == F_UNLCK ? F_OFD_SETLK : F_OFD_SETLKW, &l);
}

static int read_record(int fd) {
  char text[record_size + 1] = {0};
  if (pread(fd, text, record_size, record * record_size) < 0) return -1;
  return atoi(text);
}

static void write_record(int fd, int value) {
  char text[record_size + 1];
  snprintf(text, sizeof text, "%-15d\n", value);
  if (pwrite(fd, text, record_size, record * record_size) != record_size) abort();
}

static void* worker(void* arg) {
  (void)arg;
  const int fd = open(path, O_RDWR);
  if (fd < 0) abort();
  for (int i = 0; i < updates; ++i) {
    if (lock_record(fd, F_WRLCK) != 0) abort();
    write_record(fd, read_record(fd) + 1);
    ++updates_total;
    lock_record(fd, F_UNLCK);
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
  for (int r = 0; r <= record; ++r) {
    char text[record_size + 1];
    snprintf(text, sizeof text, "%-15d\n", 0);
    if (pwrite(fd, text, record_size, r * record_size) != record_size) return 2;
  }
  pthread_t threads[workers];
  for (int i = 0; i < workers; ++i) pthread_create(&threads[i], NULL, worker, NULL);
  for (int i = 0; i < workers; ++i) pthread_join(threads[i], NULL);
  const int count = read_record(fd);
  close(fd);
  if (count != workers * updates || updates_total != workers * updates) {
    fprintf(stderr, "record %d, total %d\n", count, updates_total);
    return 1;
  }
  return 0;
}
