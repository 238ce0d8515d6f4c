// Two senders share one pipe to a reader, and each sends its record as two
// write() calls: a length byte, then the payload. On real threads the other
// sender's write may come between the two, and the reader takes a length
// byte for payload: the records interleave. Found only when the order of
// writes that succeed at once is explored (each is a scheduling point).
// The correct twin is descriptor_whole_records_ok.c.
// weft-exec-expect: crash
#include <assert.h>
#include <pthread.h>
#include <string.h>
#include <unistd.h>

#define PAYLOAD 3

static int fds[2];

static void* sender(void* arg) {
  const char mark = *(const char*)arg;
  char length = PAYLOAD;
  char payload[PAYLOAD];
  memset(payload, mark, sizeof payload);
  // BUG: two writes; another sender's may come between them.
  if (write(fds[1], &length, 1) != 1) return NULL;
  if (write(fds[1], payload, sizeof payload) != (ssize_t)sizeof payload) return NULL;
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
  for (int record = 0; record < 2; ++record) {
    char length = 0;
    char payload[16];
    assert(read_all(&length, 1) && length == PAYLOAD);
    assert(read_all(payload, length));
    for (int i = 1; i < length; ++i) assert(payload[i] == payload[0]);  // one sender's record
  }
  for (int i = 0; i < 2; ++i) pthread_join(t[i], NULL);
  return 0;
}
