// A writer sends more than a socket pair buffers in one sendto() with no
// destination (the form some code uses on a connected stream socket, for
// its flags: MSG_NOSIGNAL here), and the main thread reads it all and
// checks every byte. On real threads the writer waits in the kernel for the
// reader to make room; under weft exec it blocked every thread before (a
// hang): sendto() now goes in pieces as send() does. Correct.
// weft-exec-expect: clean
#include <pthread.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

enum { total_bytes = 512 * 1024 };

static int sockets[2];
static unsigned char* data;

static void* writer(void* arg) {
  (void)arg;
  for (int i = 0; i < total_bytes; ++i) data[i] = (unsigned char)(i * 7);
  size_t sent = 0;
  while (sent < total_bytes) {
    const ssize_t n = sendto(sockets[0], data + sent, total_bytes - sent, MSG_NOSIGNAL, NULL, 0);
    if (n <= 0) return (void*)1;
    sent += (size_t)n;
  }
  close(sockets[0]);
  return NULL;
}

int main(void) {
  if (socketpair(AF_UNIX, SOCK_STREAM, 0, sockets) != 0) return 2;
  data = malloc(total_bytes);
  unsigned char* got = malloc(total_bytes);
  if (data == NULL || got == NULL) return 2;
  pthread_t t;
  pthread_create(&t, NULL, writer, NULL);
  size_t have = 0;
  for (ssize_t n; (n = read(sockets[1], got + have, total_bytes - have)) > 0;) have += (size_t)n;
  void* failed;
  pthread_join(t, &failed);
  int ok = failed == NULL && have == total_bytes;
  for (size_t i = 0; ok && i < have; ++i) ok = got[i] == (unsigned char)(i * 7);
  free(got);
  free(data);
  return ok ? 0 : 1;
}
