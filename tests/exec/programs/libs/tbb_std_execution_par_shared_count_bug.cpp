// The parallel algorithms of tbb_std_execution_par_ok.cpp, where the count
// of multiples of four is a plain int that every task of the parallel
// for_each increments: oneTBB runs the chunks on several threads, and
// their increments race (natively 0 of 100 runs on this 2-core machine
// came out short: each increment is a few instructions).
// weft-exec-expect: data_race|exit
#include <algorithm>
#include <execution>
#include <numeric>
#include <vector>

int main() {
  std::vector<int> values(2000);
  std::iota(values.begin(), values.end(), 1);
  std::for_each(std::execution::par, values.begin(), values.end(), [](int& x) { x *= 2; });
  const long sum = std::reduce(std::execution::par, values.begin(), values.end(), 0L);
  int multiples_of_four = 0;
  std::for_each(std::execution::par, values.begin(), values.end(), [&](int x) {
    if (x % 4 == 0) ++multiples_of_four;  // BUG: a plain int, incremented by every task
  });
  return sum == 2001L * 2000 && multiples_of_four == 1000 ? 0 : 1;
}
