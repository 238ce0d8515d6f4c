// A task computes a value that the thread which created it reads without a
// taskwait: the read races with the task's write whenever another thread
// runs the task. Buggy.
// weft-exec-expect: data_race
#include <stdio.h>

int main(void) {
  int answer = 0, copy = 0;
#pragma omp parallel num_threads(2)
#pragma omp single
  {
#pragma omp task shared(answer)
    answer = 42;
    copy = answer;  // no taskwait
  }
  printf("%d\n", copy);
  return 0;
}
