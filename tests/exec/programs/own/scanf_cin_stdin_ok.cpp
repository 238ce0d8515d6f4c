// A reader thread parses the standard input, a pipe a writer thread fills
// in several writes (numbers split across two), with std::scanf and then
// std::cin >> int in its default mode, synchronised with stdio (each
// takes up where the other stopped); the main thread checks the sum. The
// reader often starts before the writer wrote anything: on real threads it
// waits in the kernel; under weft exec it must not stop the writer with it
// (libc's own reads are not the interposed read()). Correct.
// weft-exec-expect: clean
#include <pthread.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <iostream>

namespace {

int stdin_writer = -1;
int sum, count;
bool ok;

void send_text(const char* text) {
  if (write(stdin_writer, text, std::strlen(text)) != static_cast<ssize_t>(std::strlen(text))) return;
}

void* writer(void*) {
  send_text("1 2");
  send_text("0 3\n4");
  send_text("00\n5 6");
  send_text("0 7\n");
  close(stdin_writer);
  return nullptr;
}

void* reader(void*) {
  int a = 0, b = 0;
  ok = std::scanf("%d %d", &a, &b) == 2 && a == 1 && b == 20;
  sum = a + b;
  count = 2;
  for (int value; std::cin >> value;) {  // 3, 400, 5, 60, 7
    sum += value;
    ++count;
  }
  ok = ok && std::cin.eof() && std::scanf("%d", &a) == EOF;
  return nullptr;
}

}  // namespace

int main() {
  int fds[2];
  if (pipe(fds) != 0 || dup2(fds[0], STDIN_FILENO) < 0) return 2;
  close(fds[0]);
  stdin_writer = fds[1];
  pthread_t w, r;
  pthread_create(&r, nullptr, reader, nullptr);
  pthread_create(&w, nullptr, writer, nullptr);
  pthread_join(r, nullptr);
  pthread_join(w, nullptr);
  return ok && count == 7 && sum == 1 + 20 + 3 + 400 + 5 + 60 + 7 ? 0 : 1;
}
