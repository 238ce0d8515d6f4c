// A parallel_for whose iterations all add to one shared total without a
// lock or an atomic: the chunks run on two threads at once. A data race
// weft must find through oneTBB's scheduler.
// weft-exec-expect: data_race
#include <oneapi/tbb/blocked_range.h>
#include <oneapi/tbb/global_control.h>
#include <oneapi/tbb/parallel_for.h>
#include <oneapi/tbb/partitioner.h>

#include <cstdio>

int main() {
  tbb::global_control threads(tbb::global_control::max_allowed_parallelism, 2);
  long total = 0;  // BUG: every chunk adds to it unsynchronised
  tbb::parallel_for(
      tbb::blocked_range<int>(0, 16, 4),
      [&](const tbb::blocked_range<int>& r) {
        for (int i = r.begin(); i != r.end(); ++i) total += i;
      },
      tbb::simple_partitioner());
  std::printf("%ld\n", total);
  return total == 120 ? 0 : 1;
}
