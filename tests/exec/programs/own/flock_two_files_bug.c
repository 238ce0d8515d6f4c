// The spool mover of flock_two_files_ok.c, where each thread takes first
// the lock of the file it moves a record from: the forward mover holds the
// inbox's and waits for the outbox's while the other holds the outbox's
// and waits for the inbox's, and both wait in flock forever (natively the
// process hangs). weft: a deadlock, every thread waiting and none able to
// release what the other waits for.
// weft-exec-expect: deadlock
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
  const int first = from_inbox ? in : out;  // BUG: the source's lock first
  const int second = from_inbox ? out : in;
  flock(first, LOCK_EX);
  flock(second, LOCK_EX);
  if (from_inbox && in_count > 0) {
    --in_count;
    ++out_count;
  } else if (!from_inbox && out_count > 0) {
    --out_count;
    ++in_count;
  }
  flock(second, LOCK_UN);
  flock(first, LOCK_UN);
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
