// A reader thread parses what a writer thread sends through a pipe with
// fscanf: integers ("%d", " %d%n", through vfscanf and by C89's fscanf),
// then "name value" records until the end. The writer sends them in
// several writes, some numbers and names split across two, and writes the
// checksum it announces before its last write; the main thread checks what
// the reader parsed. The reader often starts before the writer wrote
// anything: on real threads it waits in the kernel; under weft exec it must
// not stop the writer with it (libc's own reads are not the interposed
// read()). Correct.
// weft-exec-expect: clean
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int to_reader = -1;
static int checksum;  // written before the last write, read after the end
static int numbers[6], records, total, consumed, ok, sent = 1;

static void send_text(const char* text) {
  if (write(to_reader, text, strlen(text)) != (ssize_t)strlen(text)) sent = 0;
}

static void* writer(void* arg) {
  (void)arg;
  send_text("12 3");
  send_text("4 -5\n");
  send_text("7");
  send_text("\n  81 ");
  send_text("9\nalpha 10\nbe");
  send_text("ta 2");
  checksum = 60;
  send_text("0\ngamma 30\n");
  close(to_reader);
  return NULL;
}

/// fscanf by the name a C89 program links to (stdio.h gives C99's,
/// __isoc99_fscanf, to every later C and C++).
int c89_fscanf(FILE* f, const char* format, ...) __asm__("fscanf");

/// fscanf through vfscanf, as a program's own scanning helper would.
static int scan(FILE* f, const char* format, ...) {
  va_list arguments;
  va_start(arguments, format);
  const int n = vfscanf(f, format, arguments);
  va_end(arguments);
  return n;
}

static void* reader(void* arg) {
  FILE* from_writer = arg;
  ok = fscanf(from_writer, "%d", &numbers[0]) == 1;
  ok = ok && fscanf(from_writer, " %d%n", &numbers[1], &consumed) == 1;
  ok = ok && c89_fscanf(from_writer, "%d", &numbers[2]) == 1;
  ok = ok && scan(from_writer, " %d", &numbers[3]) == 1;
  ok = ok && scan(from_writer, "%d %d", &numbers[4], &numbers[5]) == 2;
  char name[16];
  int value = 0, n;
  while ((n = fscanf(from_writer, " %15s %d", name, &value)) == 2) {
    ++records;
    total += value;
  }
  ok = ok && n == EOF && feof(from_writer) && !ferror(from_writer) && getc(from_writer) == EOF;
  ok = ok && total == checksum;
  fclose(from_writer);
  return NULL;
}

int main(void) {
  int fds[2];
  if (pipe(fds) != 0) return 2;
  to_reader = fds[1];
  FILE* from_writer = fdopen(fds[0], "r");
  if (from_writer == NULL) return 2;
  pthread_t w, r;
  pthread_create(&r, NULL, reader, from_writer);
  pthread_create(&w, NULL, writer, NULL);
  pthread_join(r, NULL);
  pthread_join(w, NULL);
  const int parsed = numbers[0] == 12 && numbers[1] == 34 && consumed == 3 && numbers[2] == -5 && numbers[3] == 7 &&
                     numbers[4] == 81 && numbers[5] == 9 && records == 3 && total == 60;
  return ok && sent && parsed ? 0 : 1;
}
