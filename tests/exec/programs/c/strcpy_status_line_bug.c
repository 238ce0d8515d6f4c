// A worker keeps a status line in a shared buffer and rewrites it with
// strcpy and strcat while main copies it out with strncpy, neither under a
// lock: a data race on the buffer's bytes (every copy goes through the C
// library's string functions, none through the program's own loads and
// stores).
// weft-exec-expect: data_race
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static char status[64];
static const char* phases[] = {"starting", "loading", "serving"};

static void* work(void* arg) {
  (void)arg;
  for (int i = 0; i < 3; ++i) {
    strcpy(status, "phase: ");
    strcat(status, phases[i]);
  }
  return NULL;
}

int main(void) {
  pthread_t worker;
  strcpy(status, "idle");
  pthread_create(&worker, NULL, work, NULL);
  char seen[64];
  strncpy(seen, status, sizeof seen - 1);  // unsynchronised with the worker's rewrites
  seen[sizeof seen - 1] = '\0';
  pthread_join(worker, NULL);
  printf("%s\n", seen);
  return 0;
}
