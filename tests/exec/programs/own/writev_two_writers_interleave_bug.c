// Two threads writev() 96 KiB records (a header naming the writer, then its
// payload) into one pipe without a lock between them. POSIX keeps a pipe
// write whole only up to PIPE_BUF (4 KiB): a larger one goes in pieces as
// the reader drains the pipe, and another writer's pieces can come between
// them, so the reader finds a record whose bytes are not all its writer's.
// Buggy.
// weft-exec-expect: exit
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/uio.h>
#include <unistd.h>

enum { records = 2, payload = 96 * 1024 };

static int fds[2];

static void* writer(void* arg) {
  static char payloads[2][payload];
  const uint32_t id = (uint32_t)(uintptr_t)arg;
  memset(payloads[id], (int)id + 1, payload);
  for (int r = 0; r < records; ++r) {
    struct iovec parts[2] = {{(void*)&id, sizeof id}, {payloads[id], payload}};
    if (writev(fds[1], parts, 2) != (ssize_t)(sizeof id + payload)) return NULL;
  }
  return NULL;
}

static int read_all(void* to, size_t n) {
  size_t done = 0;
  while (done < n) {
    const ssize_t got = read(fds[0], (char*)to + done, n - done);
    if (got <= 0) return -1;
    done += (size_t)got;
  }
  return 0;
}

int main(void) {
  static char in[payload];
  if (pipe(fds) != 0) return 2;
  pthread_t threads[2];
  for (uintptr_t i = 0; i < 2; ++i) pthread_create(&threads[i], NULL, writer, (void*)i);
  for (int r = 0; r < 2 * records; ++r) {
    uint32_t id = 0;
    if (read_all(&id, sizeof id) != 0 || id > 1 || read_all(in, payload) != 0) {
      fprintf(stderr, "record %d: no writer's header where one should be\n", r);
      return 1;
    }
    for (size_t at = 0; at < payload; at += 4096) {  // a byte of each piece
      if (in[at] != (char)(id + 1)) {
        fprintf(stderr, "record %d of writer %u has the other writer's bytes at %zu\n", r, id, at);
        return 1;
      }
    }
  }
  for (int i = 0; i < 2; ++i) pthread_join(threads[i], NULL);
  puts("every record whole");
  return 0;
}
