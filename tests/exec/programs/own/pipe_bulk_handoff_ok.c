// A writer thread sends more than a pipe holds in one write() (128 KiB
// through a 64 KiB pipe) and more than a socket pair buffers in one send();
// the main thread reads both to the end. On real threads the writer waits
// in the kernel for the reader to make room; under weft exec that wait
// must let the reader run. Correct.
// weft-exec-expect: clean
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

enum { pipe_bytes = 128 * 1024, socket_bytes = 512 * 1024 };

static int pipe_fds[2], sockets[2];
static char* pipe_data;
static char* socket_data;

static void* writer(void* arg) {
  (void)arg;
  if (write(pipe_fds[1], pipe_data, pipe_bytes) != pipe_bytes) return NULL;
  close(pipe_fds[1]);
  if (send(sockets[1], socket_data, socket_bytes, 0) != socket_bytes) return NULL;
  shutdown(sockets[1], SHUT_WR);
  return NULL;
}

/// Reads `fd` to its end into a buffer of `size` bytes: how many bytes came.
static size_t read_all(int fd, char* into, size_t size) {
  size_t got = 0;
  for (;;) {
    const ssize_t n = read(fd, into + got, size - got);
    if (n <= 0) return got;
    got += (size_t)n;
    if (got == size) return got;
  }
}

int main(void) {
  if (pipe(pipe_fds) != 0 || socketpair(AF_UNIX, SOCK_STREAM, 0, sockets) != 0) return 2;
  pipe_data = malloc(pipe_bytes);
  socket_data = malloc(socket_bytes);
  char* pipe_in = malloc(pipe_bytes);
  char* socket_in = malloc(socket_bytes);
  if (!pipe_data || !socket_data || !pipe_in || !socket_in) return 2;
  memset(pipe_data, 'p', pipe_bytes);
  memset(socket_data, 's', socket_bytes);
  pthread_t t;
  pthread_create(&t, NULL, writer, NULL);
  int ok = read_all(pipe_fds[0], pipe_in, pipe_bytes) == pipe_bytes && memcmp(pipe_in, pipe_data, pipe_bytes) == 0;
  ok = ok && read_all(sockets[0], socket_in, socket_bytes) == socket_bytes &&
       memcmp(socket_in, socket_data, socket_bytes) == 0;
  pthread_join(t, NULL);
  free(pipe_data);
  free(socket_data);
  free(pipe_in);
  free(socket_in);
  return ok ? 0 : 1;
}
