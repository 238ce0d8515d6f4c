// C code that defines functions libc also has, as older code does: K&R's
// getline (a line from a FILE into a fixed buffer), a debug dprintf, a
// message helper named send and a game's pause. weft's interposed
// definitions are weak (stdio's by their declaration, the others by the
// build, cmake/WeakenDefinitions.cmake), so the program links and calls its
// own (before, send and pause were a "multiple definition" link error). Two
// threads each read back the lines of a temporary file they wrote and send
// their count. Correct.
// weft-exec-expect: clean
#define _POSIX_C_SOURCE 200112L  // stdio.h declares neither getline nor dprintf
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>

static int debug_lines;

/// K&R's getline: at most lim - 1 characters of a line from `f`, without
/// the newline; its length, or -1 at the end.
int getline(char* s, int lim, FILE* f) {
  int c = EOF, i = 0;
  while (i < lim - 1 && (c = getc(f)) != EOF && c != '\n') s[i++] = (char)c;
  s[i] = '\0';
  return i == 0 && c == EOF ? -1 : i;
}

/// A debug printer that only counts what it would print.
void dprintf(const char* format, ...) {
  va_list arguments;
  va_start(arguments, format);
  va_end(arguments);
  (void)format;
  ++debug_lines;
}

static pthread_mutex_t sent_lock = PTHREAD_MUTEX_INITIALIZER;
static int sent;
static int paused;

/// An old message helper: "sends" `count` to the tally.
int send(int count, const char* what) {
  (void)what;
  pthread_mutex_lock(&sent_lock);
  sent += count;
  pthread_mutex_unlock(&sent_lock);
  return 0;
}

/// A game's pause: only counts.
void pause(void) { ++paused; }

static void* count_lines(void* arg) {
  FILE* f = tmpfile();
  if (f == NULL || fputs("one\ntwo\nthree\n", f) == EOF) return NULL;
  rewind(f);
  char line[16];
  while (getline(line, sizeof line, f) >= 0) ++*(int*)arg;
  fclose(f);
  send(*(int*)arg, "lines");
  return NULL;
}

int main(void) {
  int counts[2] = {0, 0};
  pthread_t t[2];
  for (int i = 0; i < 2; ++i) pthread_create(&t[i], NULL, count_lines, &counts[i]);
  for (int i = 0; i < 2; ++i) pthread_join(t[i], NULL);
  pause();
  dprintf("counted %d and %d\n", counts[0], counts[1]);
  return counts[0] == 3 && counts[1] == 3 && sent == 6 && paused == 1 && debug_lines == 1 ? 0 : 1;
}
