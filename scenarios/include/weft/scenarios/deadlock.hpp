// weft/scenarios/deadlock.hpp — the deadlock family's scenario templates (shape
// of weft/scenario_shape.hpp): tasks taking several locks in various orders.
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <vector>

#include "weft/assert.hpp"
#include "weft/models/deadlock.hpp"

namespace weft::scenarios {

/// Tasks over a set of locks. The seeds: 2 tasks, 1 round each, holding the
/// first lock 100 ms before taking the second ("time.sleep(0.1)").
struct lock_order_params {
  std::size_t threads = 2;
  std::size_t rounds = 1;  // lock pairs taken per thread
  long hold_ms = 100;
};

/// Which pair of locks thread i takes, and in which order.
enum class lock_pattern {
  ab_ba,        // thread i: (i%2, 1-i%2) — opposite orders
  ordered,      // everyone (0, 1)
  three_cycle,  // thread i of n: (i, i+1 mod n) over n locks
};

template <class Sync, lock_pattern Pattern>
struct lock_order_tasks {
  using params = lock_order_params;
  explicit lock_order_tasks(const params& p)
      : p_(p), locks_(Pattern == lock_pattern::three_cycle ? (p.threads < 2 ? 2 : p.threads) : 2) {}
  std::size_t thread_count() const { return p_.threads; }

  void thread(std::size_t i) {
    const std::size_t n = locks_.size();
    std::size_t first = 0, second = 1;
    if constexpr (Pattern == lock_pattern::ab_ba) {
      first = i % 2;
      second = 1 - first;
    } else if constexpr (Pattern == lock_pattern::three_cycle) {
      first = i % n;
      second = (i + 1) % n;
    }
    for (std::size_t r = 0; r < p_.rounds; ++r) locks_.nested(first, second, std::chrono::milliseconds(p_.hold_ms));
  }

  void check() {
    long total = 0;
    for (std::size_t l = 0; l < locks_.size(); ++l) total += locks_.updates(l);
    WEFT_ASSERT(total == static_cast<long>(2 * p_.threads * p_.rounds), "an update under the locks was lost");
  }

 private:
  params p_;
  models::lock_set<Sync> locks_;
};

template <class Sync>
using deadlock_ab_ba = lock_order_tasks<Sync, lock_pattern::ab_ba>;
template <class Sync>
using deadlock_ordered = lock_order_tasks<Sync, lock_pattern::ordered>;
template <class Sync>
using deadlock_three_cycle = lock_order_tasks<Sync, lock_pattern::three_cycle>;

/// The seed's test_deadlock_prevention (002 §5.4.04): resources a, b, c;
/// worker 1 updates (a, b), worker 2 (b, a), worker 3 (c, a), `rounds` keys each.
struct order_manager_params {
  std::size_t threads = 3;  // worker i pairs resource i%3 with resource (i==0 ? 1 : 0)
  std::size_t rounds = 3;
  long work_ms = 100;
};

template <class Sync>
struct deadlock_order_manager_registry {
  using params = order_manager_params;
  explicit deadlock_order_manager_registry(const params& p) : p_(p), manager_(3) {
    for (std::size_t r = 0; r < 3; ++r) resources_.emplace_back(r, manager_);
  }
  std::size_t thread_count() const { return p_.threads; }

  void thread(std::size_t i) {
    auto& mine = resources_[i % 3];
    auto& other = resources_[i % 3 == 0 ? 1 : 0];
    for (std::size_t k = 0; k < p_.rounds; ++k) {
      mine.update_with_resource(other, k, static_cast<long>(i * 100 + k), std::chrono::milliseconds(p_.work_ms));
    }
  }

  void check() {
    const std::size_t keys = p_.threads == 0 ? 0 : p_.rounds;
    WEFT_ASSERT(resources_[0].entries() == keys, "resource a is missing updates");
  }

 private:
  params p_;
  models::lock_order_manager<Sync> manager_;
  std::deque<models::managed_resource<Sync>> resources_;
};

/// The seed's "死锁风险测试" (002 §5.4.04c): worker 1 takes lock1 then lock2,
/// worker 2 lock2 then lock1, with 2 s timeouts, holding 0.5 s.
struct timeout_lock_params {
  long timeout_ms = 2000;
  long hold_ms = 500;
};

template <class Sync>
struct deadlock_timeout_lock_releases_unowned {
  using params = timeout_lock_params;
  explicit deadlock_timeout_lock_releases_unowned(const params& p)
      : p_(p), lock1_(1, &detector_), lock2_(2, &detector_) {}
  std::size_t thread_count() const { return 2; }

  void thread(std::size_t i) {
    const auto timeout = std::chrono::milliseconds(p_.timeout_ms);
    const auto hold = std::chrono::milliseconds(p_.hold_ms);
    if (i == 0) {
      models::worker_with_deadlock_risk<Sync>(1, lock1_, lock2_, timeout, hold);
    } else {
      models::worker_with_deadlock_risk<Sync>(2, lock2_, lock1_, timeout, hold);
    }
  }
  void check() {}

 private:
  params p_;
  models::seed_deadlock_detector<Sync> detector_;
  models::timeout_lock<Sync> lock1_;
  models::timeout_lock<Sync> lock2_;
};

/// Two threads take two locks in opposite orders, but back off: try_lock the
/// second, on failure release the first and sleep (thread i starts at i+1 ms,
/// doubling). Properties: both critical sections ran, and exclusively.
struct backoff_params {
  std::size_t threads = 2;
  std::size_t rounds = 1;
};

template <class Sync>
struct deadlock_try_lock_backoff {
  using params = backoff_params;
  explicit deadlock_try_lock_backoff(const params& p) : p_(p) {}
  std::size_t thread_count() const { return p_.threads; }

  void thread(std::size_t i) {
    auto& first = i % 2 == 0 ? a_ : b_;
    auto& second = i % 2 == 0 ? b_ : a_;
    for (std::size_t r = 0; r < p_.rounds; ++r) {
      models::lock_both_with_backoff<Sync>(first, second, std::chrono::milliseconds(i + 1));
      WEFT_ASSERT(inside_.fetch_add(1) == 0, "two threads hold both locks");
      shared_.store(shared_.load() + 1);
      inside_.fetch_sub(1);
      second.unlock();
      first.unlock();
    }
  }
  void check() {
    WEFT_ASSERT(shared_.load() == static_cast<long>(p_.threads * p_.rounds), "a critical section was lost");
  }

 private:
  params p_;
  typename Sync::mutex a_;
  typename Sync::mutex b_;
  typename Sync::template var<long> shared_{0};
  typename Sync::template atomic<int> inside_{0};
};

struct philosophers_params {
  std::size_t philosophers = 5;
  std::size_t meals = 10;  // per philosopher
};

template <class Sync, bool Ordered>
struct dining_philosophers {
  using params = philosophers_params;
  explicit dining_philosophers(const params& p) : p_(p), table_(p.philosophers < 2 ? 2 : p.philosophers) {}
  std::size_t thread_count() const { return table_.seats(); }

  void thread(std::size_t i) {
    for (std::size_t m = 0; m < p_.meals; ++m) {
      if constexpr (Ordered) {
        table_.dine_ordered(i);
      } else {
        table_.dine_naive(i);
      }
    }
  }
  void check() {
    for (std::size_t i = 0; i < table_.seats(); ++i) {
      WEFT_ASSERT(table_.meals(i) == static_cast<long>(p_.meals), "a philosopher missed a meal");
    }
  }

 private:
  params p_;
  models::dining_table<Sync> table_;
};

template <class Sync>
using deadlock_philosophers_naive = dining_philosophers<Sync, false>;
template <class Sync>
using deadlock_philosophers_ordered = dining_philosophers<Sync, true>;

/// 004 §16.2.2: one thread acquires a plain lock twice.
struct self_relock_params {
  std::size_t threads = 1;
};

template <class Sync>
struct deadlock_self_relock {
  using params = self_relock_params;
  explicit deadlock_self_relock(const params& p) : p_(p) {}
  std::size_t thread_count() const { return p_.threads; }
  void thread(std::size_t) { relocker_.acquire_twice(); }
  void check() { WEFT_ASSERT(relocker_.held() == static_cast<long>(p_.threads)); }

 private:
  params p_;
  models::relocker<Sync> relocker_;
};

}  // namespace weft::scenarios
