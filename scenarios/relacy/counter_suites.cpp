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

/// Threads: the scenario's thread_count() for two_by_two.
template <template <class> class Scenario, std::size_t Threads = two_by_two.threads>
entry counter_entry(const char* name) {
  return suite_entry<Scenario, two_by_two, Threads>(name);
}

}  // namespace

void add_counter_suites(std::vector<entry>& out) {
  out.push_back(counter_entry<scenarios::counter_unsafe>("counter/unsafe"));
  out.push_back(counter_entry<scenarios::counter_split_rmw>("counter/split_rmw"));
  out.push_back(counter_entry<scenarios::counter_relaxed_load_store>("counter/relaxed_load_store"));
  out.push_back(counter_entry<scenarios::counter_locked>("counter/locked"));
  out.push_back(counter_entry<scenarios::counter_atomic>("counter/atomic"));
  out.push_back(counter_entry<scenarios::counter_thread_local_sum>("counter/thread_local_sum"));
  // The producers, and the worker that applies their increments.
  out.push_back(counter_entry<scenarios::counter_queue_serialized, two_by_two.threads + 1>("counter/queue_serialized"));
}

}  // namespace weft::relacy_program
