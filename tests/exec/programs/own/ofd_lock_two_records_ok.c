// Two tellers move units between two accounts kept as records of one file,
// each teller through its own descriptor, locking both records' bytes with
// open file description locks (fcntl F_OFD_SETLKW) before it moves: always
// the lower record first, whichever way the units go. The total is the
// same at the end.
// weft-exec-expect: clean
// tsan-false-positive: ThreadSanitizer does not intercept fcntl's locks, so it orders nothing from one holder of the locks to the next and reports the balances' updates under them as races; weft orders them (file_locks.cpp)
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
    const int first = from < to ? from : to;  // the lower record first, always
    lock_record(fd, first, F_WRLCK);
    lock_record(fd, 1 - first, F_WRLCK);
    --balance[from];
    ++balance[to];
    lock_record(fd, 1 - first, F_UNLCK);
    lock_record(fd, first, F_UNLCK);
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
