// The first OpenMP loop anyone writes: a sum over a parallel for, with a
// reduction clause, and an array filled in parallel then read after the
// loop's implicit barrier. libomp's threads, barriers and reduction run as
// they do natively; LLVM's OpenMP tool Archer tells weft what they order.
// Correct.
// weft-exec-expect: clean
#include <stdio.h>

#define N 64

int main(void) {
  double squares[N];
  long sum = 0;
#pragma omp parallel for num_threads(2) reduction(+ : sum)
  for (int i = 0; i < N; ++i) {
    squares[i] = (double)i * i;
    sum += i;
  }
  double total = 0;
  for (int i = 0; i < N; ++i) total += squares[i];
  printf("%ld %.0f\n", sum, total);
  return sum == N * (N - 1) / 2 ? 0 : 1;
}
