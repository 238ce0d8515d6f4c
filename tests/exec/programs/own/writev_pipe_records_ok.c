// Records written with writev() (a header and a payload, gathered) and
// sendmsg() through a pipe and a socket pair that fill up: each record is
// larger than the pipe's 64 KiB, so the writer must wait for the reader
// thread to drain it, as on real threads. Correct.
// weft-exec-expect: clean
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

enum { records = 3, payload = 96 * 1024 };

static char out[payload];
static int fds[2], sockets[2];

static int read_all(int fd, void* to, size_t n) {
  size_t done = 0;
  while (done < n) {
    const ssize_t got = read(fd, (char*)to + done, n - done);
    if (got <= 0) return -1;
    done += (size_t)got;
  }
  return 0;
}

static void* reader(void* arg) {
  (void)arg;
  static char in[payload];
  long* sum = calloc(1, sizeof *sum);
  for (int r = 0; r < 2 * records; ++r) {
    uint32_t header = 0;
    const int fd = r < records ? fds[0] : sockets[1];
    if (read_all(fd, &header, sizeof header) != 0 || header != (uint32_t)(r % records) ||
        read_all(fd, in, payload) != 0)
      return NULL;
    *sum += in[0] + in[payload / 2] + in[payload - 1];  // a few bytes: each read is checked
  }
  return sum;
}

int main(void) {
  memset(out, 1, sizeof out);
  if (pipe(fds) != 0 || socketpair(AF_UNIX, SOCK_STREAM, 0, sockets) != 0) return 2;
  pthread_t thread;
  pthread_create(&thread, NULL, reader, NULL);
  for (uint32_t r = 0; r < records; ++r) {
    struct iovec parts[2] = {{&r, sizeof r}, {out, payload}};
    if (writev(fds[1], parts, 2) != (ssize_t)(sizeof r + payload)) return 3;
  }
  for (uint32_t r = 0; r < records; ++r) {
    struct iovec parts[2] = {{&r, sizeof r}, {out, payload}};
    struct msghdr message = {.msg_iov = parts, .msg_iovlen = 2};
    if (sendmsg(sockets[0], &message, 0) != (ssize_t)(sizeof r + payload)) return 4;
  }
  void* result = NULL;
  pthread_join(thread, &result);
  const long sum = result ? *(long*)result : -1;
  if (sum != 3L * 2 * records) {
    fprintf(stderr, "read %ld, expected %ld\n", sum, 3L * 2 * records);
    return 1;
  }
  puts("every record arrived whole");
  return 0;
}
