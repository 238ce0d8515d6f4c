// Two loops in one parallel region, the first marked nowait to save its
// barrier, while the second reads what another thread wrote in the first:
// without the barrier the read races with the write. Buggy.
// weft-exec-expect: data_race
#include <stdio.h>

#define N 8

int main(void) {
  int a[N], b[N];
#pragma omp parallel num_threads(2)
  {
#pragma omp for schedule(static) nowait
    for (int i = 0; i < N; ++i) a[i] = i * i;
#pragma omp for schedule(static)
    for (int i = 0; i < N; ++i) b[i] = a[N - 1 - i];  // another thread's a[]
  }
  printf("%d\n", b[0]);
  return 0;
}
