// weft/scenarios/once.hpp — the once family's scenario templates (shape of
// weft/scenario_shape.hpp): lazy one-time initialisation from several threads.
#pragma once

#include <cstddef>
#include <map>
#include <mutex>

#include "weft/assert.hpp"
#include "weft/models/once.hpp"

namespace weft::scenarios {

struct once_params {
  std::size_t threads = 3;
  std::size_t lookups = 3;  // per thread
  std::size_t keys = 3;     // lock ids (double_checked_plain); thread i looks up (i + k) % keys
};

/// 002 §5.4.04 get_lock: each lock id gets one lock, created once, and every
/// caller sees the same one.
template <class Sync>
struct once_double_checked_plain {
  using params = once_params;
  explicit once_double_checked_plain(const params& p) : p_(p) {}
  std::size_t thread_count() const { return p_.threads; }
  void thread(std::size_t i) {
    for (std::size_t k = 0; k < p_.lookups; ++k) {
      const int id = static_cast<int>((i + k) % p_.keys);
      const std::size_t order = registry_.get_lock(id);
      std::lock_guard lock(mutex_);
      const auto [it, first] = seen_.write().emplace(id, order);
      WEFT_ASSERT(first || it->second == order, "two callers got different locks for one id");
    }
  }
  void check() {
    WEFT_ASSERT(registry_.created() == seen_.read().size(), "a lock was created more than once");
  }

 private:
  params p_;
  models::lock_order_registry<Sync> registry_;
  typename Sync::mutex mutex_;
  typename Sync::template var<std::map<int, std::size_t>> seen_;
};

/// The value is initialised exactly once and every caller sees it initialised.
template <class Sync, template <class> class Lazy>
struct lazy_init {
  using params = once_params;
  explicit lazy_init(const params& p) : p_(p) {}
  std::size_t thread_count() const { return p_.threads; }
  void thread(std::size_t) {
    for (std::size_t k = 0; k < p_.lookups; ++k) {
      WEFT_ASSERT(lazy_.get([] { return 42L; }) == 42, "saw the value before its initialisation");
    }
  }
  void check() { WEFT_ASSERT(lazy_.initialisations() == 1, "initialised more than once"); }

 private:
  params p_;
  Lazy<Sync> lazy_;
};

template <class Sync>
using once_double_checked_atomic = lazy_init<Sync, models::double_checked_lazy>;
template <class Sync>
using once_call_once = lazy_init<Sync, models::call_once_lazy>;

}  // namespace weft::scenarios
