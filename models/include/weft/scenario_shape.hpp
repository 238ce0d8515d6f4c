// weft/scenario_shape.hpp — the shape of a scenario, and how to run one.
//
// A scenario over a model has Relacy's test-suite shape, so every backend can
// run it: it is built from a params struct, has a thread count, a body per
// thread index and a final check.
//
//   template <class Sync> struct transfer_unordered {
//     using params = bank_params;             // defined outside the template
//     explicit transfer_unordered(const params&);
//     std::size_t thread_count() const;
//     void thread(std::size_t i);
//     void check();                            // after every thread joined
//   };
#pragma once

#include <concepts>
#include <cstddef>
#include <utility>
#include <vector>

#include "weft/sync_policy.hpp"

namespace weft {

template <class S>
concept scenario_shape = requires(S& s, const S& cs, std::size_t i) {
  typename S::params;
  requires std::constructible_from<S, const typename S::params&>;
  { cs.thread_count() } -> std::convertible_to<std::size_t>;
  s.thread(i);
  s.check();
};

/// Runs one execution of a scenario on the policy's threads: build it, start
/// thread_count() threads running thread(i), join them all, then check().
template <class Sync, template <class> class Scenario>
  requires scenario_shape<Scenario<Sync>>
void run_scenario_once(const typename Scenario<Sync>::params& p) {
  Scenario<Sync> s(p);
  const std::size_t n = s.thread_count();
  std::vector<typename Sync::thread> threads;
  threads.reserve(n);
  for (std::size_t i = 0; i < n; ++i) threads.emplace_back([&s, i] { s.thread(i); });
  for (auto& t : threads) t.join();
  s.check();
}

}  // namespace weft
