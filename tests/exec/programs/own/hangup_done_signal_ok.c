// Two workers each report through a descriptor of their own, the way a
// program collects the output of its helpers: one writes lines into a pipe
// and closes its end, the other writes into a socket pair and shuts its
// side down for writing. main poll()s both until each reads as ended (an
// end of file: read and recv return 0), then reads each worker's
// statistics, which the worker filled before it hung up. The kernel orders
// a close or shutdown before the read that sees its end of file. Correct.
// weft-exec-expect: clean
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

struct statistics {
  int lines;
  int bytes;
};

static int pipe_ends[2], socket_ends[2];
static struct statistics stats[2];  // the pipe writer's, the socket writer's

static void* pipe_writer(void* arg) {
  (void)arg;
  char line[32];
  for (int i = 0; i < 3; ++i) {
    const int n = snprintf(line, sizeof line, "pipe line %d\n", i);
    stats[0].bytes += (int)write(pipe_ends[1], line, (size_t)n);
    ++stats[0].lines;
  }
  close(pipe_ends[1]);
  return NULL;
}

static void* socket_writer(void* arg) {
  (void)arg;
  const char* words[] = {"alpha\n", "beta\n"};
  for (int i = 0; i < 2; ++i) {
    stats[1].bytes += (int)send(socket_ends[1], words[i], strlen(words[i]), 0);
    ++stats[1].lines;
  }
  shutdown(socket_ends[1], SHUT_WR);
  return NULL;
}

int main(void) {
  if (pipe(pipe_ends) != 0 || socketpair(AF_UNIX, SOCK_STREAM, 0, socket_ends) != 0) return 2;
  pthread_t threads[2];
  pthread_create(&threads[0], NULL, pipe_writer, NULL);
  pthread_create(&threads[1], NULL, socket_writer, NULL);
  struct pollfd fds[2] = {{pipe_ends[0], POLLIN, 0}, {socket_ends[0], POLLIN, 0}};
  int received[2] = {0, 0}, open_count = 2;
  while (open_count > 0) {
    if (poll(fds, 2, -1) < 0) return 2;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      char buffer[64];
      const ssize_t got = i == 0 ? read(fds[i].fd, buffer, sizeof buffer) : recv(fds[i].fd, buffer, sizeof buffer, 0);
      if (got > 0) {
        received[i] += (int)got;
        continue;
      }
      // Ended: the worker is done, its statistics are complete.
      const struct statistics* s = &stats[i];
      if (s->bytes != received[i] || s->lines != (i == 0 ? 3 : 2)) {
        fprintf(stderr, "worker %d: %d bytes in %d lines, %d received\n", i, s->bytes, s->lines, received[i]);
        return 1;
      }
      fds[i].fd = -1;
      --open_count;
    }
  }
  for (int i = 0; i < 2; ++i) pthread_join(threads[i], NULL);
  close(pipe_ends[0]);
  close(socket_ends[0]);
  close(socket_ends[1]);
  return 0;
}
