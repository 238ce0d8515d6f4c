// The same sum without its reduction clause: every thread adds to the one
// shared variable, a data race OpenMP leaves undefined (and real runs lose
// additions). Buggy.
// weft-exec-expect: data_race
#include <stdio.h>

int main(void) {
  long sum = 0;
#pragma omp parallel for num_threads(2)
  for (int i = 0; i < 64; ++i) sum += i;
  printf("%ld\n", sum);
  return 0;
}
