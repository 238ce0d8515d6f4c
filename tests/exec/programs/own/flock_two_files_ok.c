// A tool that moves records between two spool files, each guarded by a
// flock lock as other processes expect: every thread that needs both locks
// takes the inbox's before the outbox's, whichever way it moves a record.
// One order for everyone: no thread can hold one lock and wait for the
// other's holder forever.
// weft-exec-expect: clean
// tsan-false-positive: ThreadSanitizer does not intercept flock, so it orders nothing from one holder of the lock to the next and reports the updates under it as races; weft orders them (file_locks.cpp)
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/file.h>
#include <unistd.h>

static char inbox[32], outbox[32];  // the spool files, by names of their own (see main)
static int in_count = 4, out_count;  // records in each file, under its lock

static void move(int from_inbox) {
  const int in = open(inbox, O_RDWR);
  const int out = open(outbox, O_RDWR);
  if (in < 0 || out < 0) abort();
  flock(in, LOCK_EX);  // always the inbox first
  flock(out, LOCK_EX);
  if (from_inbox && in_count > 0) {
    --in_count;
    ++out_count;
  } else if (!from_inbox && out_count > 0) {
    --out_count;
    ++in_count;
  }
  flock(out, LOCK_UN);
  flock(in, LOCK_UN);
  close(out);
  close(in);
}

static void* mover(void* arg) {
  const int from_inbox = arg != NULL;
  for (int i = 0; i < 2; ++i) move(from_inbox);
  return NULL;
}

int main(void) {
  // Unnamed temporary files, nothing to clean up whatever happens; each
  // move opens them again through /proc, new open file descriptions.
  const int a = open("/tmp", O_TMPFILE | O_RDWR, 0600), b = open("/tmp", O_TMPFILE | O_RDWR, 0600);
  if (a < 0 || b < 0) return 2;
  snprintf(inbox, sizeof inbox, "/proc/self/fd/%d", a);
  snprintf(outbox, sizeof outbox, "/proc/self/fd/%d", b);
  pthread_t forward, back;
  pthread_create(&forward, NULL, mover, (void*)1);
  pthread_create(&back, NULL, mover, NULL);
  pthread_join(forward, NULL);
  pthread_join(back, NULL);
  close(a);
  close(b);
  return in_count + out_count == 4 ? 0 : 1;
}
