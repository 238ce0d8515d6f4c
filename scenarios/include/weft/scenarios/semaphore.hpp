// weft/scenarios/semaphore.hpp — the semaphore family's scenario templates
// (shape of weft/scenario_shape.hpp): a semaphore-limited resource, 004's
// ConnectionPool with its shared slot, and a pool that over-releases.
#pragma once

#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>

#include "weft/assert.hpp"
#include "weft/models/semaphore.hpp"

namespace weft::scenarios {

struct semaphore_params {
  std::size_t threads = 5;
  std::ptrdiff_t permits = 2;   // semaphore / pool size (at most models::max_permits)
  std::size_t operations = 1;   // acquisitions per thread
  long hold_ms = 2000;          // time each holder keeps the resource
};

/// 000 §2.2: at most `permits` threads hold the resource at once.
template <class Sync>
struct semaphore_connection_pool {
  using params = semaphore_params;
  explicit semaphore_connection_pool(const params& p) : p_(p), resource_(p.permits) {}
  std::size_t thread_count() const { return p_.threads; }
  void thread(std::size_t) {
    for (std::size_t k = 0; k < p_.operations; ++k) {
      resource_.access([&] {
        const long now_holding = holders_.fetch_add(1) + 1;
        WEFT_ASSERT(now_holding <= p_.permits, "more holders than permits");
        Sync::this_thread::sleep_for(std::chrono::milliseconds(p_.hold_ms));
        holders_.fetch_sub(1);
      });
    }
  }
  void check() { WEFT_ASSERT(holders_.load() == 0); }

 private:
  params p_;
  models::limited_resource<Sync> resource_;
  typename Sync::template atomic<long> holders_{0};
};

/// 004 §16.2.2: `with pool as conn: use(conn)`; a connection has one holder
/// at a time and every exit releases a connection the pool still lists.
/// Thread i holds its connection for hold_ms × (i + 1) / 2 (the seed: i×0.5+0.5 s).
template <class Sync>
struct semaphore_pool_shared_slot {
  using params = semaphore_params;
  explicit semaphore_pool_shared_slot(const params& p) : p_(p), pool_(p.permits) {}
  std::size_t thread_count() const { return p_.threads; }
  void thread(std::size_t i) {
    for (std::size_t k = 0; k < p_.operations; ++k) {
      const int conn = pool_.enter();
      {
        std::lock_guard lock(mutex_);
        const int holding = ++holders_.write()[conn];
        WEFT_ASSERT(holding == 1, "one connection, two holders");
      }
      Sync::this_thread::sleep_for(std::chrono::milliseconds(p_.hold_ms * static_cast<long>(i + 1) / 2));
      {
        std::lock_guard lock(mutex_);
        --holders_.write()[conn];
      }
      WEFT_ASSERT(pool_.exit(), "released a connection the pool does not list (ValueError)");
    }
  }
  void check() {}

 private:
  params p_;
  models::shared_slot_connection_pool<Sync> pool_;
  typename Sync::mutex mutex_;
  typename Sync::template var<std::map<int, int>> holders_;
};

struct over_release_params {
  std::size_t threads = 2;
  long timeout_ms = 1000;  // how long a worker waits for the permit
  long hold_ms = 2000;     // how long a holder keeps it
};

/// A one-permit pool whose workers release in a `finally` even after a timed-out
/// acquire: the permit count must never exceed the maximum.
template <class Sync>
struct semaphore_over_release {
  using params = over_release_params;
  explicit semaphore_over_release(const params& p) : p_(p) {}
  std::size_t thread_count() const { return p_.threads; }
  void thread(std::size_t) {
    pool_.use(std::chrono::milliseconds(p_.timeout_ms),
              [&] { Sync::this_thread::sleep_for(std::chrono::milliseconds(p_.hold_ms)); });
  }
  void check() {
    WEFT_ASSERT(pool_.available() <= pool_.permits(), "semaphore released beyond its maximum");
  }

 private:
  params p_;
  models::timeout_release_pool<Sync, 1> pool_;
};

}  // namespace weft::scenarios
