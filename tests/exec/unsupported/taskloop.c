// An OpenMP taskloop: libomp copies the loop's tasks where weft cannot
// count them (checker/src/instrument/openmp_tasks.cpp), so weft exec ends
// the run with one line and exit status 2 instead of a wrong verdict.
#include <stdio.h>

int main(void) {
  int squares[16];
#pragma omp parallel num_threads(2)
#pragma omp single
#pragma omp taskloop grainsize(4)
  for (int i = 0; i < 16; ++i) squares[i] = i * i;
  printf("%d\n", squares[15]);
  return 0;
}
