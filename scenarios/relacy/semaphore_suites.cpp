// semaphore_suites.cpp — the semaphore family under Relacy (a Relacy
// translation unit: weft headers first, then suite.hpp).
#include <atomic>
#include <chrono>
#include <map>
#include <vector>

#include "weft/scenarios/semaphore.hpp"

#include "suite.hpp"

namespace weft::relacy_program {
namespace {

using scenarios::over_release_params;
using scenarios::semaphore_params;
// The controlled scheduler's parameters (weft's registry, scenarios/semaphore.cpp).
constexpr semaphore_params three_for_two{.threads = 3, .permits = 2, .operations = 1, .hold_ms = 100};
constexpr semaphore_params two_for_two{.threads = 2, .permits = 2, .operations = 1, .hold_ms = 100};
constexpr over_release_params two_workers{.threads = 2, .timeout_ms = 1000, .hold_ms = 2000};

template <template <class> class Scenario, auto P>
entry semaphore_entry(const char* name) {
  return suite_entry<Scenario, P, P.threads>(name);
}

}  // namespace

void add_semaphore_suites(std::vector<entry>& out) {
  out.push_back(semaphore_entry<scenarios::semaphore_connection_pool, three_for_two>("semaphore/connection_pool"));
  out.push_back(semaphore_entry<scenarios::semaphore_pool_shared_slot, two_for_two>("semaphore/pool_shared_slot"));
  out.push_back(semaphore_entry<scenarios::semaphore_over_release, two_workers>("semaphore/over_release"));
}

}  // namespace weft::relacy_program
