// A session table whose names a renamer thread rewrites (memcpy, under the
// table's lock) while a lookup thread finds a session by name with strcmp,
// measures names with strlen and compares keys with memcmp, under the same
// lock. Every comparison reads the bytes it compares, as the C library does.
// Correct.
// weft-exec-expect: clean
#include <pthread.h>
#include <stdio.h>
#include <string.h>

struct session {
  char name[32];
  unsigned char key[8];
};

static struct session table[2] = {{"alpha", {1, 2, 3, 4, 5, 6, 7, 8}}, {"beta", {8, 7, 6, 5, 4, 3, 2, 1}}};
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static volatile size_t key_size = sizeof table[0].key;  // not a constant: real calls
static int found, long_names, same_keys;

static void* renamer(void* arg) {
  (void)arg;
  for (int round = 0; round < 2; ++round) {
    pthread_mutex_lock(&lock);
    const char* name = round == 0 ? "alpha-renamed" : "gamma";
    memcpy(table[round].name, name, strlen(name) + 1);
    table[round].key[0] ^= 0xff;
    pthread_mutex_unlock(&lock);
  }
  return NULL;
}

static void* lookup(void* arg) {
  const char* wanted = arg;
  for (int i = 0; i < 2; ++i) {
    pthread_mutex_lock(&lock);
    if (strcmp(table[i].name, wanted) == 0) ++found;
    if (strlen(table[i].name) > 5) ++long_names;
    if (memcmp(table[0].key, table[1].key, key_size) == 0) ++same_keys;
    pthread_mutex_unlock(&lock);
  }
  return NULL;
}

int main(void) {
  pthread_t threads[2];
  pthread_create(&threads[0], NULL, renamer, NULL);
  pthread_create(&threads[1], NULL, lookup, "gamma");
  for (int i = 0; i < 2; ++i) pthread_join(threads[i], NULL);
  if (same_keys != 0 || found > 1 || long_names > 2) {
    fprintf(stderr, "found %d, long names %d, same keys %d\n", found, long_names, same_keys);
    return 1;
  }
  return 0;
}
