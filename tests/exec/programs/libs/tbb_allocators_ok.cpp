// Two threads that each build and drop containers on oneTBB's allocators,
// six times over: a tbb::concurrent_vector (tbb::cache_aligned_allocator,
// its default), a std::vector on tbb::cache_aligned_allocator and a
// std::list on tbb::tbb_allocator. libtbb hands their memory to
// libtbbmalloc, which gives a block one thread freed to the other thread
// without a free() or malloc() of glibc's: nothing is shared, and before
// weft followed those allocators' frees the second thread's writes into a
// block the first had used were a false data race. Correct.
// weft-exec-expect: clean
#include <tbb/cache_aligned_allocator.h>
#include <tbb/concurrent_vector.h>
#include <tbb/tbb_allocator.h>

#include <cstdio>
#include <list>
#include <thread>
#include <vector>

int main() {
  std::vector<long> sums(2);
  std::vector<std::thread> threads;
  for (int t = 0; t < 2; ++t) {
    threads.emplace_back([&sums, t] {
      long sum = 0;
      for (int round = 0; round < 6; ++round) {
        tbb::concurrent_vector<int> values;
        for (int i = 0; i < 40; ++i) values.push_back(i + t);
        for (int v : values) sum += v;
        std::vector<int, tbb::cache_aligned_allocator<int>> filled(100, t);
        for (int v : filled) sum += v;
        std::list<int, tbb::tbb_allocator<int>> items(10, 1);
        for (int v : items) sum += v;
      }
      sums[t] = sum;
    });
  }
  for (std::thread& t : threads) t.join();
  std::printf("%ld\n", sums[0] + sums[1]);
  return sums[0] + sums[1] == 6 * (780 * 2 + 40 + 100 + 20) ? 0 : 1;
}
