// A table on tbb::cache_aligned_allocator that a worker reads, but main
// drops the table (the vector's scope ends) before it joins the worker:
// the block goes back to oneTBB's allocator while the worker may still
// read it.
// weft-exec-expect: data_race|crash
#include <tbb/cache_aligned_allocator.h>

#include <cstdio>
#include <thread>
#include <vector>

int main() {
  long sum = 0;
  std::thread worker;
  {
    std::vector<int, tbb::cache_aligned_allocator<int>> table(64, 1);
    worker = std::thread([&sum, data = table.data()] {
      for (int i = 0; i < 64; ++i) sum += data[i];
    });
  }  // BUG: freed before the join
  worker.join();
  std::printf("%ld\n", sum);
  return sum == 64 ? 0 : 1;
}
