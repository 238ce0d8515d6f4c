// The smallest process a fork server could fork from: a static program of a
// few pages that, for each byte read on stdin, forks a child that exits at
// once, waits for it and writes the byte back. exec_bench.cpp's
// BM_fork_and_wait_minimal_process drives it: the floor of a process per
// execution on this machine, whatever the fork server holds.
#include <sys/wait.h>
#include <unistd.h>

int main() {
  char byte = 0;
  while (::read(0, &byte, 1) == 1) {
    const pid_t pid = ::fork();
    if (pid == 0) ::_exit(0);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (::write(1, &byte, 1) != 1) return 1;
  }
  return 0;
}
