// pool_suites.cpp — the pool family under Relacy (a Relacy translation unit:
// weft headers first, then suite.hpp).
#include <atomic>
#include <chrono>
#include <deque>
#include <functional>
#include <memory>
#include <stdexcept>
#include <vector>

#include "weft/scenarios/pool.hpp"

#include "suite.hpp"

namespace weft::relacy_program {
namespace {

using scenarios::chain_params;
using scenarios::pool_params;
// The controlled scheduler's parameters (weft's registry, scenarios/pool.cpp).
constexpr pool_params two_workers{.workers = 2, .tasks = 2, .task_ms = 100};
constexpr chain_params seed_chain{
    .workers = 2, .fetch_ms = 1000, .parse_ms = 500, .store_ms = 300, .main_sleep_ms = 3000};

/// The pool's workers + the main thread.
template <template <class> class Scenario, auto P>
entry pool_entry(const char* name) {
  return suite_entry<Scenario, P, P.workers + 1>(name);
}

}  // namespace

void add_pool_suites(std::vector<entry>& out) {
  out.push_back(pool_entry<scenarios::pool_thread_pool, two_workers>("pool/thread_pool"));
  out.push_back(pool_entry<scenarios::pool_submit_after_shutdown, seed_chain>("pool/submit_after_shutdown"));
}

}  // namespace weft::relacy_program
