// Concurrency Kit: a worker fills a table and raises a flag with
// ck_pr_store_int(), but without ck_pr_fence_store() before it. On x86 the
// hardware keeps the stores in order and the program works; on ARM or POWER
// (and in the C++ memory model) the reader may see the flag before the
// table: the reader's ck_pr_fence_load() orders nothing without a fence on
// the writer's side. weft-cc builds Concurrency Kit for its weakest memory
// model, so the reads of the table race with the writes (a data race).
// weft-exec-expect: data_race
#include <ck_pr.h>
#include <pthread.h>
#include <stdlib.h>

static int table[4];
static int ready;

static void* filler(void* arg) {
  (void)arg;
  for (int i = 0; i < 4; ++i) table[i] = i + 1;
  ck_pr_store_int(&ready, 1);  // BUG: no ck_pr_fence_store() before it
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, filler, NULL);
  while (ck_pr_load_int(&ready) == 0) ck_pr_stall();
  ck_pr_fence_load();
  int sum = 0;
  for (int i = 0; i < 4; ++i) sum += table[i];
  pthread_join(t, NULL);
  return sum == 10 ? 0 : 1;
}
