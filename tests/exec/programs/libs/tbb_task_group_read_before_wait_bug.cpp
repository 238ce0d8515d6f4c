// A task_group's task writes a result that the thread which ran it reads
// before calling wait(): nothing orders the read after the write. A data
// race weft must find (the read after wait() would be correct).
// weft-exec-expect: data_race
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/task_group.h>

#include <cstdio>

int main() {
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism, 2);
  int answer = 0;
  tbb::task_group group;
  group.run([&answer] { answer = 42; });
  const int early = answer;  // BUG: read before group.wait()
  group.wait();
  std::printf("%d %d\n", early, answer);
  return 0;
}
