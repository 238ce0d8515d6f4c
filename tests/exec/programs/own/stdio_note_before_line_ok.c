// The twin of stdio_note_after_line_bug.c with the two lines in order: the
// note is written before the line that announces it is sent with fputs and
// fflush, so the reader that got the line (fgets) reads a finished note.
// stdio writes through libc's own write: weft orders the stdio call (it
// releases once it returned) before the read that took its bytes. Correct.
// weft-exec-expect: clean
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
static FILE* to_reader;
static char note[16];
static void* writer(void* arg) {
  (void)arg;
  strcpy(note, "details");
  fputs("ready\n", to_reader);
  fflush(to_reader);
  return NULL;
}
int main(void) {
  int fds[2];
  if (pipe(fds) != 0) return 2;
  FILE* from_writer = fdopen(fds[0], "r");
  to_reader = fdopen(fds[1], "w");
  pthread_t t;
  pthread_create(&t, NULL, writer, NULL);
  char line[16];
  int ok = fgets(line, sizeof line, from_writer) != NULL && note[0] == 'd';
  pthread_join(t, NULL);
  return ok ? 0 : 1;
}
