// A program that starts a second process inside an execution: weft exec runs
// one process per execution and cannot follow it, so the run ends with one
// line and exit status 2 (not a finding, not a hang).
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
  pid_t child = fork();
  if (child == 0) _exit(0);
  int status = 0;
  waitpid(child, &status, 0);
  return 0;
}
