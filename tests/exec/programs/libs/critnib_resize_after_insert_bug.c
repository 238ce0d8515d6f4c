// critnib (libcritnib-dev): an ordered map with lock-free reads. The bug:
// the writer inserts a record and only then sets its size, while a reader
// may already have found it and read the size.
// weft-exec-expect: data_race
#include <critnib.h>
#include <pthread.h>
#include <stdlib.h>

struct record {
  int key;
  long size;
};

static critnib *map;

static void *writer(void *arg) {
  (void)arg;
  for (int i = 1; i <= 2; ++i) {
    struct record *r = calloc(1, sizeof *r);
    r->key = i;
    critnib_insert(map, (uintptr_t)i, r, 0);
    r->size = 10L * i; // too late: r is published
  }
  return NULL;
}

static void *reader(void *arg) {
  (void)arg;
  long seen = 0;
  for (int round = 0; round < 2; ++round) {
    for (int k = 1; k <= 2; ++k) {
      struct record *r = critnib_get(map, (uintptr_t)k);
      if (r != NULL)
        seen += r->size;
    }
  }
  return seen > 1000 ? map : NULL;
}

int main(void) {
  map = critnib_new();
  pthread_t w, rd;
  pthread_create(&w, NULL, writer, NULL);
  pthread_create(&rd, NULL, reader, NULL);
  pthread_join(w, NULL);
  pthread_join(rd, NULL);
  for (int k = 1; k <= 2; ++k)
    free(critnib_remove(map, (uintptr_t)k));
  critnib_delete(map);
  return 0;
}
