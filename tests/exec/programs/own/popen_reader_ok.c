// A thread reads another process's output through popen() while the main
// thread waits for it. The pipe is the child's: the process must wait for
// it for real, and a timeout on it must take real time, even though no
// other thread of the program can write it. Correct.
// weft-exec-expect: clean
#define _POSIX_C_SOURCE 200809L
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static int lines;

static void* reader(void* arg) {
  FILE* child = arg;
  struct pollfd p = {fileno(child), POLLIN, 0};
  if (poll(&p, 1, 5000) != 1) return (void*)1;  // the child answers within 5 s of real time
  char line[64];
  while (fgets(line, sizeof line, child) != NULL) {
    if (strcmp(line, "ready\n") == 0) ++lines;
  }
  return NULL;
}

int main(void) {
  FILE* child = popen("sleep 0.05; echo ready; echo ready", "r");
  if (child == NULL) return 2;
  pthread_t t;
  pthread_create(&t, NULL, reader, child);
  void* failed;
  pthread_join(t, &failed);
  pclose(child);
  return failed == NULL && lines == 2 ? 0 : 1;
}
