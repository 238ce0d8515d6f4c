// A reader copies a shared record with memcpy while a writer fills it with
// memset, with no lock: the copy races with the fill. The accesses are inside
// the C library's memcpy and memset, which weft's runtime checks.
// weft-exec-expect: data_race
#include <pthread.h>
#include <string.h>

struct record {
  char name[24];
  long id;
};

static struct record shared;
static struct record copy;
static volatile size_t size = sizeof(struct record);  // not a constant: a real call

static void* writer(void* arg) {
  memset(&shared, 'x', size);
  return arg;
}

static void* reader(void* arg) {
  memcpy(&copy, &shared, size);
  return arg;
}

int main(void) {
  pthread_t w, r;
  pthread_create(&w, NULL, writer, NULL);
  pthread_create(&r, NULL, reader, NULL);
  pthread_join(w, NULL);
  pthread_join(r, NULL);
  return copy.name[0] == 0 || copy.name[0] == 'x' ? 0 : 1;
}
