// oneTBB's parallel algorithms used as their documentation shows, on two
// threads: a parallel_for that fills a vector (each iteration its own
// element, many small tasks, so the worker steals), a parallel_reduce that
// sums it, a task_group whose tasks each write their own slot, read after
// wait(), and a parallel_invoke. Correct: every result is read after the
// algorithm that wrote it returned.
// weft-exec-expect: clean
#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/parallel_invoke.h>
#include <oneapi/tbb/parallel_reduce.h>
#include <oneapi/tbb/partitioner.h>
#include <oneapi/tbb/task_group.h>

#include <array>
#include <cstdio>
#include <functional>
#include <vector>

int main() {
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism, 2);

  std::vector<long> squares(32);
  tbb::parallel_for(
      tbb::blocked_range<std::size_t>(0, squares.size(), 4),
      [&](const tbb::blocked_range<std::size_t>& r) {
        for (std::size_t i = r.begin(); i != r.end(); ++i) squares[i] = static_cast<long>(i * i);
      },
      tbb::simple_partitioner());

  const long sum = tbb::parallel_reduce(
      tbb::blocked_range<std::size_t>(0, squares.size()), 0L,
      [&](const tbb::blocked_range<std::size_t>& r, long partial) {
        for (std::size_t i = r.begin(); i != r.end(); ++i) partial += squares[i];
        return partial;
      },
      std::plus<long>());

  std::array<int, 3> slots{};
  tbb::task_group group;
  for (int i = 0; i < 3; ++i) group.run([&slots, i] { slots[i] = i + 1; });
  group.wait();

  int left = 0, right = 0;
  tbb::parallel_invoke([&] { left = slots[0] + slots[1]; }, [&] { right = slots[2]; });

  std::printf("%ld %d\n", sum, left + right);
  return sum == 10416 && left + right == 6 ? 0 : 1;
}
