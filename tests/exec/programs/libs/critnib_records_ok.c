// critnib (libcritnib-dev): an ordered map with lock-free reads. Two
// writers insert records they filled first; one reader looks them up by key
// and by the nearest key below, another walks the map with critnib_iter,
// and both read the records' fields. Correct: critnib publishes a value with
// a release store and a reader's lookup acquires it.
// weft-exec-expect: clean
#include <assert.h>
#include <critnib.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>

struct record {
  int key;
  long size;
};

static critnib *map;

static void *writer(void *arg) {
  const int base = *(const int *)arg;
  for (int i = 0; i < 3; ++i) {
    struct record *r = malloc(sizeof *r);
    r->key = base + i;
    r->size = 10L * (base + i);
    critnib_insert(map, (uintptr_t)r->key, r, 0);
  }
  return NULL;
}

static void *reader(void *arg) {
  (void)arg;
  long seen = 0;
  for (int k = 1; k <= 6; ++k) {
    struct record *r = critnib_get(map, (uintptr_t)k);
    if (r != NULL)
      seen += r->size;
  }
  return seen > 1000 ? map : NULL;
}

static int add_size(uintptr_t key, void *value, void *privdata) {
  (void)key;
  *(long *)privdata += ((const struct record *)value)->size;
  return 0; // go on
}

static void *walker(void *arg) {
  (void)arg;
  long total = 0;
  critnib_iter(map, 0, UINTPTR_MAX, add_size, &total);
  struct record *below = critnib_find_le(map, 5);
  if (below != NULL)
    total += below->size;
  return total > 1000 ? map : NULL;
}

int main(void) {
  map = critnib_new();
  int a = 1, b = 4;
  pthread_t w1, w2, rd, wk;
  pthread_create(&w1, NULL, writer, &a);
  pthread_create(&w2, NULL, writer, &b);
  pthread_create(&rd, NULL, reader, NULL);
  pthread_create(&wk, NULL, walker, NULL);
  pthread_join(w1, NULL);
  pthread_join(w2, NULL);
  pthread_join(rd, NULL);
  pthread_join(wk, NULL);
  for (int k = 1; k <= 6; ++k) {
    struct record *r = critnib_remove(map, (uintptr_t)k);
    assert(r != NULL && r->size == 10L * k);
    free(r);
  }
  critnib_delete(map);
  return 0;
}
