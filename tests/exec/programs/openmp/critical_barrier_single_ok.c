// A parallel region in the usual shape: each thread adds its part inside a
// critical section, a barrier, then one thread (single) reads the total
// while the others wait at single's implicit barrier, and atomic updates
// after it. Correct.
// weft-exec-expect: clean
#include <omp.h>
#include <stdio.h>

int main(void) {
  long sum = 0, seen = -1;
#pragma omp parallel num_threads(3)
  {
    long mine = omp_get_thread_num() + 1;
#pragma omp critical
    sum += mine;
#pragma omp barrier
#pragma omp single
    seen = sum;
#pragma omp atomic
    sum += 10;
  }
  printf("%ld %ld\n", seen, sum);
  return seen == 6 && sum == 36 ? 0 : 1;
}
