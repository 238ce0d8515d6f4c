// deadlock_suites.cpp — the deadlock family under Relacy (a Relacy translation
// unit: weft headers first, then suite.hpp).
#include <atomic>
#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <set>
#include <vector>

#include "weft/scenarios/deadlock.hpp"

// deadlock/self_relock is a one-thread test suite: GCC's -O2 array-bounds
// analysis then reports Relacy's per-thread arrays (waitset.hpp, scheduler.hpp)
// indexed out of bounds on loops that never run for one thread.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Warray-bounds"
#include "suite.hpp"
#pragma GCC diagnostic pop

namespace weft::relacy_program {
namespace {

using scenarios::backoff_params;
using scenarios::lock_order_params;
using scenarios::order_manager_params;
using scenarios::philosophers_params;
using scenarios::self_relock_params;
using scenarios::timeout_lock_params;
// The controlled scheduler's parameters (weft's registry, scenarios/deadlock.cpp).
constexpr lock_order_params opposite{.threads = 2, .rounds = 1, .hold_ms = 100};
constexpr lock_order_params same_order{.threads = 2, .rounds = 2, .hold_ms = 100};
constexpr lock_order_params cycle{.threads = 3, .rounds = 1, .hold_ms = 100};
constexpr order_manager_params two_workers{.threads = 2, .rounds = 1, .work_ms = 100};
constexpr timeout_lock_params seed_timeouts{.timeout_ms = 2000, .hold_ms = 500};
constexpr backoff_params two_backing_off{.threads = 2, .rounds = 1};
constexpr philosophers_params three_philosophers{.philosophers = 3, .meals = 1};
constexpr self_relock_params one_thread{};


}  // namespace

void add_deadlock_suites(std::vector<entry>& out) {
  out.push_back(suite_entry<scenarios::deadlock_ab_ba, opposite, opposite.threads>("deadlock/ab_ba"));
  out.push_back(suite_entry<scenarios::deadlock_ordered, same_order, same_order.threads>("deadlock/ordered"));
  out.push_back(suite_entry<scenarios::deadlock_three_cycle, cycle, cycle.threads>("deadlock/three_cycle"));
  out.push_back(suite_entry<scenarios::deadlock_order_manager_registry, two_workers, two_workers.threads>(
      "deadlock/order_manager_registry"));
  out.push_back(suite_entry<scenarios::deadlock_timeout_lock_releases_unowned, seed_timeouts, 2>(
      "deadlock/timeout_lock_releases_unowned"));
  out.push_back(suite_entry<scenarios::deadlock_try_lock_backoff, two_backing_off, two_backing_off.threads>(
      "deadlock/try_lock_backoff"));
  out.push_back(
      suite_entry<scenarios::deadlock_philosophers_naive, three_philosophers, three_philosophers.philosophers>(
          "deadlock/philosophers_naive"));
  out.push_back(
      suite_entry<scenarios::deadlock_philosophers_ordered, three_philosophers, three_philosophers.philosophers>(
          "deadlock/philosophers_ordered"));
  out.push_back(
      suite_entry<scenarios::deadlock_self_relock, one_thread, one_thread.threads>("deadlock/self_relock"));
}

}  // namespace weft::relacy_program
