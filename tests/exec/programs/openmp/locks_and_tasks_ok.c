// OpenMP's other tools: omp_lock_t around a shared list, tasks that a
// single thread creates and taskwait collects, a task dependence between a
// producer and a consumer task, and sections. Correct.
// weft-exec-expect: clean
#include <omp.h>
#include <stdio.h>

static int fib(int n) {
  if (n < 2) return n;
  int x = 0, y = 0;
#pragma omp task shared(x)
  x = fib(n - 1);
#pragma omp task shared(y)
  y = fib(n - 2);
#pragma omp taskwait
  return x + y;
}

int main(void) {
  omp_lock_t lock;
  omp_init_lock(&lock);
  int items[16], count = 0;
  int f = 0, produced = 0, consumed = 0, left = 0, right = 0;
#pragma omp parallel num_threads(2)
  {
    for (int k = 0; k < 2; ++k) {
      omp_set_lock(&lock);
      items[count] = omp_get_thread_num();
      ++count;
      omp_unset_lock(&lock);
    }
#pragma omp single
    {
      f = fib(5);
#pragma omp task depend(out : produced) shared(produced)
      produced = 42;
#pragma omp task depend(in : produced) shared(produced, consumed)
      consumed = produced + 1;
    }
#pragma omp sections
    {
#pragma omp section
      left = 1;
#pragma omp section
      right = 2;
    }
  }
  omp_destroy_lock(&lock);
  printf("%d %d %d %d %d\n", count, f, consumed, left, right);
  return count == 4 && f == 5 && consumed == 43 && left + right == 3 ? 0 : 1;
}
