// counter_suites.cpp — the counter family under Relacy (a Relacy translation
// unit: weft headers first, then suite.hpp).
#include <atomic>
#include <vector>

#include "weft/scenarios/counter.hpp"

#include "suite.hpp"

namespace weft::relacy_program {
namespace {

using scenarios::counter_params;
// The controlled scheduler's parameters (weft's registry): 2 threads x 2 increments.
constexpr counter_params two_by_two{.threads = 2, .iterations = 2};

template <template <class> class Scenario>
entry counter_entry(const char* name) {
  return {name, two_by_two.threads, &run_suite<suite<Scenario, two_by_two, 2>>};
}

}  // namespace

void add_counter_suites(std::vector<entry>& out) {
  out.push_back(counter_entry<scenarios::counter_unsafe>("counter/unsafe"));
  out.push_back(counter_entry<scenarios::counter_relaxed_load_store>("counter/relaxed_load_store"));
  out.push_back(counter_entry<scenarios::counter_locked>("counter/locked"));
  out.push_back(counter_entry<scenarios::counter_atomic>("counter/atomic"));
}

}  // namespace weft::relacy_program
