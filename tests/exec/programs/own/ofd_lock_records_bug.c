// The record updater of ofd_lock_records_ok.c, where the workers share the
// descriptor main opened instead of opening the file each: an open file
// description lock belongs to the description, not to the thread, so both
// workers "hold" the record's lock at once (the kernel grants the second
// one at once, as a lock it already holds). Their read-add-write updates
// interleave and the count comes out short, and the in-memory total races
// (natively 52 of 100 runs exit 1).
// weft-exec-expect: data_race|exit
// tsan-false-positive: ThreadSanitizer reports the total's race too, but it cannot tell the correct twin from this one
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

enum { workers = 2, updates = 3, record_size = 16, record = 1 };

static int shared_fd;      // BUG: one open file description for both workers
static int updates_total;  // under the record's lock, supposedly

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
  for (int i = 0; i < updates; ++i) {
    if (lock_record(shared_fd, F_WRLCK) != 0) abort();
    write_record(shared_fd, read_record(shared_fd) + 1);
    ++updates_total;
    lock_record(shared_fd, F_UNLCK);
  }
  return NULL;
}

int main(void) {
  shared_fd = open("/tmp", O_TMPFILE | O_RDWR, 0600);
  if (shared_fd < 0) return 2;
  for (int r = 0; r <= record; ++r) write_record(shared_fd, 0);
  pthread_t threads[workers];
  for (int i = 0; i < workers; ++i) pthread_create(&threads[i], NULL, worker, NULL);
  for (int i = 0; i < workers; ++i) pthread_join(threads[i], NULL);
  const int count = read_record(shared_fd);
  close(shared_fd);
  if (count != workers * updates || updates_total != workers * updates) {
    fprintf(stderr, "record %d, total %d\n", count, updates_total);
    return 1;
  }
  return 0;
}
