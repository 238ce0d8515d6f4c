// A reader thread takes what a writer thread sends through pipes, with
// stdio and iostreams rather than read(): fgets, getline and fread on a
// FILE opened with fdopen, then std::getline(std::cin) with the pipe made
// the standard input. Each message is complete before its bytes are sent,
// and the reader often starts before the writer wrote anything: on real
// threads it waits in the kernel; under weft exec it must not stop the
// writer with it (libc's own reads are not the interposed read()). Correct.
// weft-exec-expect: clean
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <iostream>
#include <string>

namespace {

FILE* to_reader;
int stdin_writer = -1;
char note[16];

void* writer(void*) {
  std::fprintf(to_reader, "first line\nsecond line\n");
  std::fflush(to_reader);
  strcpy(note, "after");  // written before the bytes that announce it
  const unsigned char block[4] = {1, 2, 3, 4};
  std::fwrite(block, 1, sizeof block, to_reader);
  std::fclose(to_reader);
  const char lines[] = "from cin\nlast\n";
  if (write(stdin_writer, lines, sizeof lines - 1) != static_cast<ssize_t>(sizeof lines - 1)) return nullptr;
  close(stdin_writer);
  return nullptr;
}

}  // namespace

int main() {
  int fds[2], in_fds[2];
  if (pipe(fds) != 0 || pipe(in_fds) != 0) return 2;
  FILE* from_writer = fdopen(fds[0], "r");
  to_reader = fdopen(fds[1], "w");
  if (dup2(in_fds[0], STDIN_FILENO) < 0) return 2;
  close(in_fds[0]);
  stdin_writer = in_fds[1];
  pthread_t t;
  pthread_create(&t, nullptr, writer, nullptr);
  bool ok = true;
  char line[32];
  ok = ok && fgets(line, sizeof line, from_writer) != nullptr && strcmp(line, "first line\n") == 0;
  char* rest = nullptr;
  size_t capacity = 0;
  ok = ok && getline(&rest, &capacity, from_writer) == 12 && strcmp(rest, "second line\n") == 0;
  free(rest);
  unsigned char block[4] = {};
  ok = ok && fread(block, 1, sizeof block, from_writer) == sizeof block && block[3] == 4;
  ok = ok && strcmp(note, "after") == 0;
  ok = ok && getc(from_writer) == EOF;
  fclose(from_writer);
  std::string first, second;
  ok = ok && std::getline(std::cin, first) && first == "from cin" && std::getline(std::cin, second) && second == "last";
  pthread_join(t, nullptr);
  return ok ? 0 : 1;
}
