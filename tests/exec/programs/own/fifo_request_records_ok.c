// A request server reads fixed-size records from a named pipe (FIFO) that
// its clients open by name and write one request each to, as separate
// processes would. The server opens the FIFO for reading, then for writing
// too, so that it never reads an end of file between clients: a server that
// closed at the end of file and opened again lost the record of a client
// that opened the FIFO between that end of file and the close (its write
// went into a pipe the close then emptied), and waited for it for ever
// (fifo_reopen_loses_request_bug.c). Each client writes its whole record
// with one write(): POSIX makes a write of at most PIPE_BUF bytes to a pipe
// atomic, so records never interleave. The blocking open of a FIFO waits in
// the kernel for the other end: under weft, every logical thread on one OS
// thread, that wait held them all, and this correct program was a `hang`
// before.
// weft-exec-expect: clean
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { clients = 2, record_size = 16 };

static char path[64];
static int served;  // the server's, read by main after joining it
static int garbled;

static void send_request(int fd, int client) {
  char record[record_size + 1];
  snprintf(record, sizeof record, "REQ %d payload%02d\n", client, client);  // 16 bytes
  (void)write(fd, record, record_size);  // the whole record at once
}

static void* client(void* arg) {
  const int id = (int)(long)arg;
  const int fd = open(path, O_WRONLY);  // waits for the server to open its end
  if (fd < 0) return NULL;
  send_request(fd, id);
  close(fd);
  return NULL;
}

static int valid(const char* record) {
  int client = -1, payload = -2;
  return sscanf(record, "REQ %d payload%d", &client, &payload) == 2 && client == payload &&
         record[record_size - 1] == '\n';
}

static void* server(void* arg) {
  (void)arg;
  char buffer[clients * record_size + 1];
  size_t have = 0;
  const int fd = open(path, O_RDONLY);  // waits for a client to open its end
  if (fd < 0) return NULL;
  const int keep = open(path, O_WRONLY);  // a writer of its own: no end of file between clients
  while (served + garbled < clients) {
    const ssize_t n = read(fd, buffer + have, sizeof buffer - 1 - have);
    if (n <= 0) break;
    have += (size_t)n;
    while (have >= record_size) {
      char record[record_size + 1];
      memcpy(record, buffer, record_size);
      record[record_size] = '\0';
      if (valid(record)) {
        ++served;
      } else {
        ++garbled;
      }
      memmove(buffer, buffer + record_size, have - record_size);
      have -= record_size;
    }
  }
  close(keep);
  close(fd);
  return NULL;
}

int main(void) {
  snprintf(path, sizeof path, "/tmp/weft-requests-%d", (int)getpid());
  unlink(path);
  if (mkfifo(path, 0600) != 0) return 2;
  pthread_t threads[clients + 1];
  pthread_create(&threads[0], NULL, server, NULL);
  for (long i = 1; i <= clients; ++i) pthread_create(&threads[i], NULL, client, (void*)i);
  for (int i = 0; i <= clients; ++i) pthread_join(threads[i], NULL);
  unlink(path);
  if (garbled != 0 || served != clients) {
    fprintf(stderr, "served %d, garbled %d\n", served, garbled);
    return 1;
  }
  return 0;
}
