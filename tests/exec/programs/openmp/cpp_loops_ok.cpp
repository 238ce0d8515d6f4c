// OpenMP in C++ as numeric code writes it: std::vector filled by a
// collapse(2) loop, a dynamic schedule with a reduction into a
// std::complex through a user-declared reduction and firstprivate,
// lastprivate on a static loop, an ordered loop appending to a std::vector in order,
// atomic capture handing out tickets, and a threadprivate counter
// gathered under a critical section. Correct.
// weft-exec-expect: clean
#include <omp.h>

#include <complex>
#include <cstdio>
#include <numeric>
#include <vector>

static int calls = 0;
#pragma omp threadprivate(calls)

#pragma omp declare reduction(cplus : std::complex<double> : omp_out += omp_in) \
    initializer(omp_priv = std::complex<double>(0, 0))

int main() {
  const int rows = 4, cols = 3;
  std::vector<double> grid(rows * cols);
#pragma omp parallel for collapse(2) num_threads(2)
  for (int r = 0; r < rows; ++r)
    for (int c = 0; c < cols; ++c) grid[r * cols + c] = r * 10 + c;

  std::complex<double> total(0, 0);
  const int offset = 5;
#pragma omp parallel for schedule(dynamic, 1) reduction(cplus : total) firstprivate(offset) num_threads(2)
  for (int i = 0; i < rows * cols; ++i) total += std::complex<double>(grid[i], offset);

  // (Not on the dynamic loop above: clang-14's libomp sometimes leaves a
  // lastprivate combined with a reduction on a dynamic loop unset natively.)
  int last = -1;
#pragma omp parallel for schedule(static) lastprivate(last) num_threads(2)
  for (int i = 0; i < rows * cols; ++i) last = i;

  std::vector<int> in_order;
#pragma omp parallel for ordered schedule(static, 1) num_threads(2)
  for (int i = 0; i < 6; ++i) {
    const int square = i * i;
#pragma omp ordered
    in_order.push_back(square);
  }

  int next_ticket = 0, tickets_sum = 0, all_calls = 0;
#pragma omp parallel num_threads(2)
  {
    int mine;
#pragma omp atomic capture
    mine = next_ticket++;
    calls += 1 + mine;
#pragma omp critical(gather)
    {
      tickets_sum += mine;
      all_calls += calls;
    }
  }

  const bool ok = std::accumulate(grid.begin(), grid.end(), 0.0) == 192 && total.real() == 192 &&
                  total.imag() == 5 * rows * cols && last == rows * cols - 1 && in_order.size() == 6 &&
                  in_order[5] == 25 && in_order[1] == 1 && tickets_sum == 1 && all_calls == 3;
  std::printf("%g %g %d %zu %d %d\n", total.real(), total.imag(), last, in_order.size(), tickets_sum, all_calls);
  return ok ? 0 : 1;
}
