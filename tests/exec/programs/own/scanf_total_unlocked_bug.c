// The twin of scanf_pipe_reads_ok.c's records: a reader thread adds up the
// "name value" records a writer thread sends through a pipe, parsed with
// fscanf until the end, into a running total that a third thread, applying
// a bonus, also adds to. A data race on `total`: the bonus thread takes a
// lock for it, the reader none.
// weft-exec-expect: data_race
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int to_reader = -1;
static pthread_mutex_t total_lock = PTHREAD_MUTEX_INITIALIZER;
static int total, records;

static void send_text(const char* text) {
  if (write(to_reader, text, strlen(text)) != (ssize_t)strlen(text)) return;
}

static void* writer(void* arg) {
  (void)arg;
  send_text("alpha 10\nbe");
  send_text("ta 2");
  send_text("0\ngamma 30\n");
  close(to_reader);
  return NULL;
}

static void* reader(void* arg) {
  FILE* from_writer = arg;
  char name[16];
  int value = 0;
  while (fscanf(from_writer, " %15s %d", name, &value) == 2) {
    ++records;
    total += value;  // BUG: without total_lock
  }
  fclose(from_writer);
  return NULL;
}

static void* bonus(void* arg) {
  (void)arg;
  pthread_mutex_lock(&total_lock);
  total += 100;
  pthread_mutex_unlock(&total_lock);
  return NULL;
}

int main(void) {
  int fds[2];
  if (pipe(fds) != 0) return 2;
  to_reader = fds[1];
  FILE* from_writer = fdopen(fds[0], "r");
  if (from_writer == NULL) return 2;
  pthread_t w, r, b;
  pthread_create(&r, NULL, reader, from_writer);
  pthread_create(&w, NULL, writer, NULL);
  pthread_create(&b, NULL, bonus, NULL);
  pthread_join(r, NULL);
  pthread_join(w, NULL);
  pthread_join(b, NULL);
  return records == 3 && total == 160 ? 0 : 1;
}
