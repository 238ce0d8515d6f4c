// master, unlike single, has no barrier after it: the thread that reads
// the configuration master wrote may read it before it is written. Buggy.
// weft-exec-expect: data_race
#include <omp.h>
#include <stdio.h>

int main(void) {
  int config = 0, used = 0;
#pragma omp parallel num_threads(2)
  {
#pragma omp master
    config = 7;
    if (omp_get_thread_num() == 1) used = config;  // no barrier after master
  }
  printf("%d\n", used);
  return 0;
}
