// Tasks the way a divide-and-conquer code or a pipeline writes them: a
// recursive sum over an array split into tasks inside a taskgroup, a
// taskyield while polling a flag another task sets under a lock, nested
// lock (omp_nest_lock_t) taken twice by a recursive helper, and a
// master thread publishing a setting before an explicit barrier. Correct.
// weft-exec-expect: clean
#include <omp.h>
#include <stdio.h>

static long sum(const int* a, int n) {
  if (n <= 4) {
    long s = 0;
    for (int i = 0; i < n; ++i) s += a[i];
    return s;
  }
  long left = 0, right = 0;
#pragma omp taskgroup
  {
#pragma omp task shared(left)
    left = sum(a, n / 2);
#pragma omp task shared(right)
    right = sum(a + n / 2, n - n / 2);
  }
  return left + right;
}

static omp_nest_lock_t nest;
static int depth_total = 0;

static void add_twice(int k) {
  omp_set_nest_lock(&nest);
  depth_total += k;
  if (k > 0) {
    add_twice(k - 1);
  } else if (omp_test_nest_lock(&nest) == 3) {  // held twice here already
    depth_total += 10;
    omp_unset_nest_lock(&nest);
  }
  omp_unset_nest_lock(&nest);
}

int main(void) {
  int a[16];
  for (int i = 0; i < 16; ++i) a[i] = i;
  long total = 0;
  omp_lock_t flag_lock;
  omp_init_lock(&flag_lock);
  omp_init_nest_lock(&nest);
  int ready = 0, setting = 0, seen_setting = 0;
#pragma omp parallel num_threads(2)
  {
#pragma omp single
    {
      total = sum(a, 16);
#pragma omp task shared(ready)
      {
        omp_set_lock(&flag_lock);
        ready = 1;
        omp_unset_lock(&flag_lock);
      }
      for (;;) {
        int now = 0;
        if (omp_test_lock(&flag_lock)) {
          now = ready;
          omp_unset_lock(&flag_lock);
        }
        if (now) break;
#pragma omp taskyield
      }
    }
    add_twice(1);
#pragma omp master
    setting = 7;
#pragma omp barrier
    if (omp_get_thread_num() == 1) seen_setting = setting;
  }
  omp_destroy_lock(&flag_lock);
  omp_destroy_nest_lock(&nest);
  printf("%ld %d %d\n", total, depth_total, seen_setting);
  return total == 120 && depth_total == 22 && seen_setting == 7 ? 0 : 1;
}
