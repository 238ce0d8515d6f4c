// A writer thread sends a line through a pipe with stdio and only then
// fills in the note the line announces; the reader, woken by the line
// (fgets), reads the note. A data race on `note`: the pipe orders only
// what was written before the line.
// weft-exec-expect: data_race
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static FILE* to_reader;
static char note[16];

static void* writer(void* arg) {
  (void)arg;
  fputs("ready\n", to_reader);
  fflush(to_reader);
  strcpy(note, "details");  // BUG: after the line that announces it
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
