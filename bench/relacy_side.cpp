// Relacy's two benchmark cases in Relacy's own test-suite form (its best
// case: no adapter layer), run with the random scheduler.
#include <cstdint>
#include <fstream>

#include "relacy_side.hpp"

#include <relacy/relacy.hpp>

namespace {

struct mutex_increment : rl::test_suite<mutex_increment, 2> {
  rl::mutex m;
  rl::var<int> x;
  void before() { x($) = 0; }
  void thread(unsigned) {
    m.lock($);
    x($) = x($) + 1;
    m.unlock($);
  }
  void after() { RL_ASSERT(x($) == 2); }
};

struct atomic_increment : rl::test_suite<atomic_increment, 2> {
  rl::atomic<int> x;
  void before() { x($) = 0; }
  void thread(unsigned) { x.fetch_add(1, rl::mo_seq_cst, $); }
  void after() { RL_ASSERT(x.load(rl::mo_seq_cst, $) == 2); }
};

template <class Test>
bool simulate(std::uint64_t executions) {
  static std::ofstream sink("/dev/null");
  rl::test_params p;
  p.iteration_count = static_cast<rl::iteration_t>(executions);
  p.search_type = rl::random_scheduler_type;
  p.output_stream = &sink;
  p.progress_stream = &sink;
  return rl::simulate<Test>(p);
}

}  // namespace

namespace weft::bench {

bool relacy_simulate(relacy_case which, std::uint64_t executions) {
  return which == relacy_case::mutex_increment ? simulate<mutex_increment>(executions)
                                               : simulate<atomic_increment>(executions);
}

}  // namespace weft::bench
