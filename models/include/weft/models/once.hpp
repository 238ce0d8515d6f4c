// weft/models/once.hpp — lazy one-time initialisation: 002's double-checked
// lock registry (plain check outside the lock), double-checked locking done
// right with an acquire/release flag, and a call_once built from a mutex and
// a condition variable.
#pragma once

#include <cstddef>
#include <map>
#include <mutex>

namespace weft::models {

/// BUG (002 §5.4.04 "死锁预防策略", LockOrderManager.get_lock): the registry of
/// lazily created locks is checked outside `_order_lock` (`if lock_id not in
/// self._locks`), re-checked inside, filled inside, and read outside again.
/// The unlocked reads of the map race with the insert under the lock. Each
/// registered lock is represented by its global order number; `created()`
/// counts how many were made.
template <class Sync>
class lock_order_registry {
 public:
  /// get_lock(lock_id): the order number of the lock registered for lock_id.
  std::size_t get_lock(int lock_id) {
    if (!locks_.read().contains(lock_id)) {  // BUG: unlocked read
      std::lock_guard lock(order_lock_);
      if (!locks_.read().contains(lock_id)) {
        const std::size_t order = global_order_.load();
        global_order_.store(order + 1);
        locks_.write()[lock_id] = order;
      }
    }
    return locks_.read().at(lock_id);  // BUG: unlocked read
  }
  /// Only after every caller joined.
  std::size_t created() const { return global_order_.load(); }

 private:
  typename Sync::mutex order_lock_;
  typename Sync::template var<std::map<int, std::size_t>> locks_;
  typename Sync::template var<std::size_t> global_order_{0};
};

/// Correct (classic double-checked locking): the fast path reads an atomic
/// flag with acquire; the initialiser publishes the value with a release store.
template <class Sync>
class double_checked_lazy {
 public:
  template <class Init>
  long get(Init&& init) {
    if (!ready_.load(std::memory_order_acquire)) {
      std::lock_guard lock(mutex_);
      if (!ready_.load(std::memory_order_relaxed)) {
        value_.store(init());
        initialisations_.store(initialisations_.load() + 1);
        ready_.store(true, std::memory_order_release);
      }
    }
    return value_.load();
  }
  /// Only after every caller joined.
  std::size_t initialisations() const { return initialisations_.load(); }

 private:
  typename Sync::mutex mutex_;
  typename Sync::template atomic<bool> ready_{false};
  typename Sync::template var<long> value_{0};
  typename Sync::template var<std::size_t> initialisations_{0};
};

/// Correct (std::call_once equivalent): the first caller runs the function
/// outside the lock while later callers wait for it to finish; after that
/// every caller returns at once.
template <class Sync>
class once_flag {
 public:
  template <class Fn>
  void call_once(Fn&& fn) {
    {
      std::unique_lock lock(mutex_);
      while (state_.load() == running) finished_.wait(lock);
      if (state_.load() == done) return;
      state_.store(running);
    }
    fn();
    std::lock_guard lock(mutex_);
    state_.store(done);
    finished_.notify_all();
  }

 private:
  enum state : int { idle, running, done };
  typename Sync::mutex mutex_;
  typename Sync::condition_variable finished_;
  typename Sync::template var<int> state_{idle};
};

/// call_once-guarded lazy value, the shape the scenarios use.
template <class Sync>
class call_once_lazy {
 public:
  template <class Init>
  long get(Init&& init) {
    flag_.call_once([&] {
      value_.store(init());
      initialisations_.store(initialisations_.load() + 1);
    });
    return value_.load();
  }
  std::size_t initialisations() const { return initialisations_.load(); }

 private:
  once_flag<Sync> flag_;
  typename Sync::template var<long> value_{0};
  typename Sync::template var<std::size_t> initialisations_{0};
};

}  // namespace weft::models
