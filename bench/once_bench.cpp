// bench/once_bench.cpp — the correct lazy one-time initialisations on
// weft::std_sync (weft/models/once.hpp).
//
//   once/double_checked_atomic   double_checked_lazy: an acquire load of the
//                                ready flag on the fast path, the mutex only
//                                until the value is published
//   once/call_once               call_once_lazy: a once_flag built from a mutex
//                                and a condvar, so every call takes the mutex
//
// Every thread calls get() on one fresh lazy value; the first call initialises
// it. An operation is one get(). Check: every get() returned the initialised
// value, and it was initialised exactly once.
#include <cstddef>
#include <string>

#include "round.hpp"
#include "weft/models/once.hpp"
#include "weft/std_sync.hpp"

namespace weft::bench {
namespace {

constexpr long initial_value = 42;

/// Ops is the per-thread get() count: the double-checked fast path is two
/// loads, so it gets ten times the usual count (as thread_local_sum does).
template <template <class> class Lazy, std::size_t Ops>
struct lazy_round {
  using sync = std_sync;
  explicit lazy_round(std::size_t n) : threads(n) {}
  std::size_t thread_count() const { return threads; }
  void thread(std::size_t) {
    std::size_t wrong = 0;
    for (std::size_t k = 0; k < Ops; ++k) {
      long value = lazy.get([] { return initial_value; });
      benchmark::DoNotOptimize(value);
      if (value != initial_value) ++wrong;
    }
    wrong_values.fetch_add(wrong);
  }
  std::string check() const {
    if (wrong_values.load() == 0 && lazy.initialisations() == 1) return {};
    return std::to_string(wrong_values.load()) + " gets saw an uninitialised value; initialised " +
           std::to_string(lazy.initialisations()) + " times";
  }
  std::size_t operations() const { return threads * Ops; }

  std::size_t threads;
  Lazy<sync> lazy;
  sync::atomic<std::size_t> wrong_values{0};
};

[[maybe_unused]] const bool once_registered = [] {
  register_round<lazy_round<models::double_checked_lazy, 10 * ops_per_thread>>("once/double_checked_atomic");
  register_round<lazy_round<models::call_once_lazy, ops_per_thread>>("once/call_once");
  return true;
}();

}  // namespace
}  // namespace weft::bench
