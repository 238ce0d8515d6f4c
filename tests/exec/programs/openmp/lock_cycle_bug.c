// Two sections take two omp_lock_t in opposite orders: a lock-order
// inversion, and a deadlock when each holds its first. Buggy.
// weft-exec-expect: deadlock|lock_order_inversion
#include <omp.h>
#include <stdio.h>

int main(void) {
  omp_lock_t accounts, audit;
  omp_init_lock(&accounts);
  omp_init_lock(&audit);
  int moved = 0;
#pragma omp parallel sections num_threads(2)
  {
#pragma omp section
    {
      omp_set_lock(&accounts);
      omp_set_lock(&audit);
      ++moved;
      omp_unset_lock(&audit);
      omp_unset_lock(&accounts);
    }
#pragma omp section
    {
      omp_set_lock(&audit);
      omp_set_lock(&accounts);
      ++moved;
      omp_unset_lock(&accounts);
      omp_unset_lock(&audit);
    }
  }
  printf("%d\n", moved);
  return 0;
}
