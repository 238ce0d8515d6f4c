// A program that starts a second process with clone() inside an execution,
// as GoogleTest's "threadsafe" death tests do (the child execs; the parent
// reads its pipe): weft exec runs one process per execution, so the run ends
// with one line and exit status 2, not a false deadlock on the pipe.
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static char child_stack[64 * 1024];

static int child(void *arg) {
    (void)arg;
    _exit(0);
}

int main(void) {
    pid_t pid = clone(child, child_stack + sizeof child_stack, SIGCHLD, NULL);
    if (pid < 0) return 1;
    int status = 0;
    waitpid(pid, &status, 0);
    return 0;
}
