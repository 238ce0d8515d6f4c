// A reader thread parses the standard input, a pipe a writer thread fills
// in several writes (numbers and words split across two), with std::cin >>
// in its default mode, synchronised with stdio (getc and ungetc, one byte
// at a time); the main thread checks what it read. The reader often starts
// before the writer wrote anything: on real threads it waits in the kernel;
// under weft exec it must not stop the writer with it. Correct.
// weft-exec-expect: clean
#include <pthread.h>
#include <unistd.h>

#include <cstring>
#include <iostream>
#include <string>

namespace {

int stdin_writer = -1;
int sum, count;
std::string words;

void send_text(const char* text) {
  if (write(stdin_writer, text, std::strlen(text)) != static_cast<ssize_t>(std::strlen(text))) return;
}

void* writer(void*) {
  send_text("1 2");
  send_text("0 3\nal");
  send_text("pha 4");
  send_text("00\nbeta 5\n");
  close(stdin_writer);
  return nullptr;
}

void* reader(void*) {
  int a = 0, b = 0, c = 0;
  if (!(std::cin >> a >> b >> c)) return nullptr;
  sum = a + b + c;
  count = 3;
  std::string word;
  for (int value; std::cin >> word >> value;) {
    words += word;
    sum += value;
    ++count;
  }
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
  return count == 5 && sum == 1 + 20 + 3 + 400 + 5 && words == "alphabeta" && std::cin.eof() ? 0 : 1;
}
