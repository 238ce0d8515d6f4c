// A request server reads fixed-size records from a named pipe (FIFO) its
// clients open by name and write one request each to (as
// fifo_request_records_ok.c). The bug: the server reads until the end of
// file, closes, and opens the FIFO again while requests are missing. A
// client that opens the FIFO between the server's end of file and its
// close finds a reader, writes its record into the pipe, and the server's
// close then empties the pipe: the record is lost and the server waits for
// it for ever (natively with a pause before the close: 3 of 3 runs hang);
// or the close comes between the client's open and its write, and the
// write kills the process with SIGPIPE.
// weft-exec-expect: hang|crash
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
  while (served + garbled < clients) {
    const int fd = open(path, O_RDONLY);  // waits for a client to open its end
    if (fd < 0) break;
    ssize_t n;
    while ((n = read(fd, buffer + have, sizeof buffer - 1 - have)) > 0) {
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
    close(fd);
  }
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
