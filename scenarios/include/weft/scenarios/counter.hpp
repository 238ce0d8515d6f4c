// weft/scenarios/counter.hpp — the counter family's scenario templates (shape of weft/scenario_shape.hpp),
// shared by the checked, stress and Relacy registrations.
#pragma once

#include <cstddef>

#include "weft/assert.hpp"
#include "weft/models/counter.hpp"

namespace weft::scenarios {

struct counter_params {
  std::size_t threads = 2;
  std::size_t iterations = 2;
};

template <class Sync, template <class> class Counter>
struct shared_counter {
  using params = counter_params;
  explicit shared_counter(const params& p) : p_(p) {}
  std::size_t thread_count() const { return p_.threads; }
  void thread(std::size_t) {
    for (std::size_t k = 0; k < p_.iterations; ++k) counter_.increment();
  }
  void check() {
    WEFT_ASSERT(counter_.value() == static_cast<long>(p_.threads * p_.iterations),
                "lost update: the count is not threads x iterations");
  }

 private:
  params p_;
  Counter<Sync> counter_;
};

template <class Sync>
using counter_unsafe = shared_counter<Sync, models::unsafe_counter>;
template <class Sync>
using counter_split_rmw = shared_counter<Sync, models::split_rmw_counter>;
template <class Sync>
using counter_relaxed_load_store = shared_counter<Sync, models::relaxed_load_store_counter>;
template <class Sync>
using counter_locked = shared_counter<Sync, models::locked_counter>;
template <class Sync>
using counter_atomic = shared_counter<Sync, models::atomic_counter>;

template <class Sync>
struct counter_thread_local_sum {
  using params = counter_params;
  explicit counter_thread_local_sum(const params& p) : p_(p), counter_(p.threads) {}
  std::size_t thread_count() const { return p_.threads; }
  void thread(std::size_t i) {
    for (std::size_t k = 0; k < p_.iterations; ++k) counter_.increment(i);
  }
  void check() {
    WEFT_ASSERT(counter_.value() == static_cast<long>(p_.threads * p_.iterations));
  }

 private:
  params p_;
  models::thread_local_sum_counter<Sync> counter_;
};

/// threads - 1 producers send increments; the last thread applies them.
template <class Sync>
struct counter_queue_serialized {
  using params = counter_params;
  explicit counter_queue_serialized(const params& p) : p_(p) {}
  std::size_t thread_count() const { return p_.threads + 1; }
  void thread(std::size_t i) {
    if (i == p_.threads) {
      counter_.run_worker(p_.threads);
      return;
    }
    for (std::size_t k = 0; k < p_.iterations; ++k) counter_.increment();
    counter_.producer_done();
  }
  void check() {
    WEFT_ASSERT(counter_.value() == static_cast<long>(p_.threads * p_.iterations));
  }

 private:
  params p_;
  models::queue_serialized_counter<Sync> counter_;
};

}  // namespace weft::scenarios
