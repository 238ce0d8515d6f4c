// barrier_suites.cpp — the barrier family under Relacy (a Relacy translation
// unit: weft headers first, then suite.hpp).
#include <atomic>
#include <chrono>
#include <deque>
#include <vector>

#include "weft/scenarios/barrier.hpp"

#include "suite.hpp"

namespace weft::relacy_program {
namespace {

using scenarios::barrier_params;
// The controlled scheduler's parameters (weft's registry, scenarios/barrier.cpp).
constexpr barrier_params two_phases{.workers = 2, .phases = 2, .work_ms = 0};

template <template <class> class Scenario>
entry barrier_entry(const char* name) {
  return suite_entry<Scenario, two_phases, two_phases.workers>(name);
}

}  // namespace

void add_barrier_suites(std::vector<entry>& out) {
  out.push_back(barrier_entry<scenarios::barrier_phases>("barrier/barrier_phases"));
  out.push_back(barrier_entry<scenarios::barrier_no_generation>("barrier/barrier_no_generation"));
}

}  // namespace weft::relacy_program
