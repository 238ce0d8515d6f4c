// A worker keeps a status line in a shared buffer and rewrites it with
// strcpy and strcat under a mutex, and main copies it out with strncpy
// under the same mutex: the copies are ordered (every copy goes through
// the C library's string functions, none through the program's own loads
// and stores).
// weft-exec-expect: clean
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static char status[64];
static const char* phases[] = {"starting", "loading", "serving"};

static void* work(void* arg) {
  (void)arg;
  for (int i = 0; i < 3; ++i) {
    pthread_mutex_lock(&lock);
    strcpy(status, "phase: ");
    strcat(status, phases[i]);
    pthread_mutex_unlock(&lock);
  }
  return NULL;
}

int main(void) {
  pthread_t worker;
  strcpy(status, "idle");
  pthread_create(&worker, NULL, work, NULL);
  char seen[64];
  pthread_mutex_lock(&lock);
  strncpy(seen, status, sizeof seen - 1);
  pthread_mutex_unlock(&lock);
  seen[sizeof seen - 1] = '\0';
  pthread_join(worker, NULL);
  printf("%s\n", seen);
  return 0;
}
