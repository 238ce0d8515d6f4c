// The C++17 parallel algorithms as an application writes them: libstdc++'s
// std::execution::par and par_unseq, which run on oneTBB (its parallel
// STL backend; the program links -ltbb). for_each doubles every element in
// place (each element is one task's), reduce sums them, and a second
// for_each counts the multiples of four in a std::atomic. oneTBB's worker
// threads, its task stealing and its own atomics are all weft's to order.
// weft-exec-expect: clean
#include <algorithm>
#include <atomic>
#include <execution>
#include <numeric>
#include <vector>

int main() {
  std::vector<int> values(2000);
  std::iota(values.begin(), values.end(), 1);
  std::for_each(std::execution::par, values.begin(), values.end(), [](int& x) { x *= 2; });
  const long sum = std::reduce(std::execution::par, values.begin(), values.end(), 0L);
  std::atomic<int> multiples_of_four{0};
  std::for_each(std::execution::par_unseq, values.begin(), values.end(), [&](int x) {
    if (x % 4 == 0) multiples_of_four.fetch_add(1, std::memory_order_relaxed);
  });
  return sum == 2001L * 2000 && multiples_of_four == 1000 ? 0 : 1;
}
