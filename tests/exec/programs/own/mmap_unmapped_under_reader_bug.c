// A table main maps and fills, read by a worker main starts, but main
// unmaps the table before it joins the worker: the worker's reads race
// with the unmapping (or, once the pages are gone, crash).
// weft-exec-expect: data_race|crash
#define _DEFAULT_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <sys/mman.h>

enum { table_size = 4096, entries = 16 };

static void* sum_table(void* arg) {
  const int* table = arg;
  long sum = 0;
  for (int i = 0; i < entries; ++i) sum += table[i];
  return (void*)sum;
}

int main(void) {
  int* table = mmap(NULL, table_size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (table == MAP_FAILED) return 2;
  for (int i = 0; i < entries; ++i) table[i] = i;
  pthread_t worker;
  pthread_create(&worker, NULL, sum_table, table);
  munmap(table, table_size);  // BUG: the worker may still read it
  void* sum;
  pthread_join(worker, &sum);
  printf("%ld\n", (long)sum);
  return (long)sum == entries * (entries - 1) / 2 ? 0 : 1;
}
