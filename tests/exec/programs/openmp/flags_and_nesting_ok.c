// OpenMP as older HPC code writes it: a producer/consumer hand-off through
// an `atomic write` / `atomic read` flag with flushes (the OpenMP 3.1
// idiom), a guided loop whose nowait is followed by an explicit barrier
// before other threads' results are read, nested parallel regions, and a
// wait bounded by omp_get_wtime(). Correct.
// weft-exec-expect: clean
#include <omp.h>
#include <stdio.h>

#define N 12

int main(void) {
  int data = 0, flag = 0, got = -1;
#pragma omp parallel sections num_threads(2)
  {
#pragma omp section
    {
      data = 42;
#pragma omp flush
#pragma omp atomic write seq_cst
      flag = 1;
    }
#pragma omp section
    {
      int ready = 0;
      const double give_up = omp_get_wtime() + 60;
      while (!ready && omp_get_wtime() < give_up) {
#pragma omp atomic read seq_cst
        ready = flag;
      }
#pragma omp flush
      if (ready) got = data;
    }
  }

  int half[N], sum_of_other_half = 0;
#pragma omp parallel num_threads(2)
  {
#pragma omp for schedule(guided) nowait
    for (int i = 0; i < N; ++i) half[i] = i;
#pragma omp barrier
#pragma omp single
    for (int i = 0; i < N; ++i) sum_of_other_half += half[N - 1 - i];
  }

  omp_set_max_active_levels(2);
  int inner_total = 0;
#pragma omp parallel num_threads(2) reduction(+ : inner_total)
  {
#pragma omp parallel num_threads(2) reduction(+ : inner_total)
    inner_total += 1;
  }
  printf("%d %d %d\n", got, sum_of_other_half, inner_total);
  return got == 42 && sum_of_other_half == N * (N - 1) / 2 && inner_total == 4 ? 0 : 1;
}
