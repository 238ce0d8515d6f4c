// The tellers of ofd_lock_two_records_ok.c, where each locks first the
// record it moves units from: one holds record 0's lock and waits for
// record 1's while the other holds record 1's and waits for record 0's,
// each through its own open file description, and both wait in fcntl
// forever (natively 28 of 100 runs hang; the kernel detects no deadlock
// between open file description locks). weft: a deadlock, every thread
// waiting and none able to release what the other waits for.
// weft-exec-expect: deadlock
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

enum { record_size = 16, moves = 2 };

static char path[32];      // the accounts file, by a name of its own (see main)
static int balance[2] = {10, 10};  // record r's balance, under record r's lock

static void lock_record(int fd, int r, short type) {
  struct flock l = {.l_type = type, .l_whence = SEEK_SET, .l_start = r * record_size, .l_len = record_size};
  if (fcntl(fd, type == F_UNLCK ? F_OFD_SETLK : F_OFD_SETLKW, &l) != 0) abort();
}

static void* teller(void* arg) {
  const int from = (int)(long)arg, to = 1 - from;
  const int fd = open(path, O_RDWR);
  if (fd < 0) abort();
  for (int i = 0; i < moves; ++i) {
    lock_record(fd, from, F_WRLCK);  // BUG: the source's record first
    lock_record(fd, to, F_WRLCK);
    --balance[from];
    ++balance[to];
    lock_record(fd, to, F_UNLCK);
    lock_record(fd, from, F_UNLCK);
  }
  close(fd);
  return NULL;
}

int main(void) {
  const int fd = open("/tmp", O_TMPFILE | O_RDWR, 0600);
  if (fd < 0) return 2;
  snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
  if (ftruncate(fd, 2 * record_size) != 0) return 2;
  pthread_t tellers[2];
  for (long i = 0; i < 2; ++i) pthread_create(&tellers[i], NULL, teller, (void*)i);
  for (int i = 0; i < 2; ++i) pthread_join(tellers[i], NULL);
  close(fd);
  return balance[0] + balance[1] == 20 ? 0 : 1;
}
