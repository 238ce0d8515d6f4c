// Two senders share one pipe to a reader, and each sends its record (a
// length byte, then the payload) with one write() of at most PIPE_BUF
// bytes, which a pipe never splits or interleaves with another writer's:
// the reader gets whole records, in either order. The buggy twin, two
// writes per record, is descriptor_split_records_bug.c. Correct.
// weft-exec-expect: clean
#include <assert.h>
#include <pthread.h>
#include <string.h>
#include <unistd.h>

#define PAYLOAD 3

static int fds[2];

static void* sender(void* arg) {
  const char mark = *(const char*)arg;
  char record[1 + PAYLOAD];
  record[0] = PAYLOAD;
  memset(record + 1, mark, PAYLOAD);
  if (write(fds[1], record, sizeof record) != (ssize_t)sizeof record) return NULL;
  return NULL;
}

/// Reads exactly `n` bytes.
static int read_all(char* to, int n) {
  for (int got = 0; got < n;) {
    const ssize_t r = read(fds[0], to + got, (size_t)(n - got));
    if (r <= 0) return 0;
    got += (int)r;
  }
  return 1;
}

int main(void) {
  if (pipe(fds) != 0) return 2;
  static const char marks[2] = {'a', 'b'};
  pthread_t t[2];
  for (int i = 0; i < 2; ++i) pthread_create(&t[i], NULL, sender, (void*)&marks[i]);
  int seen = 0;
  for (int record = 0; record < 2; ++record) {
    char length = 0;
    char payload[16];
    assert(read_all(&length, 1) && length == PAYLOAD);
    assert(read_all(payload, length));
    for (int i = 1; i < length; ++i) assert(payload[i] == payload[0]);  // one sender's record
    seen |= payload[0] == 'a' ? 1 : 2;
  }
  assert(seen == 3);
  for (int i = 0; i < 2; ++i) pthread_join(t[i], NULL);
  return 0;
}
