// weft/models/counter.hpp — shared counters, correct and with lost updates.
//
// Seeds: 000 §2.2, 001 §11.3.5, 002 §5.4.03 and L19987, 004 §16.2.2. Every
// counter has increment() and value(); the buggy ones lose updates when two
// threads interleave inside increment().
#pragma once

#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <vector>

namespace weft::models {

/// BUG (000 §2.2, 001 §11.3.5, 004 §16.2.2): read, +1, write on a plain
/// variable. Two threads read the same value and one increment is lost; the
/// unsynchronised accesses are a data race.
template <class Sync>
class unsafe_counter {
 public:
  void increment() {
    const long current = value_.load();
    value_.store(current + 1);
  }
  long value() const { return value_.load(); }

 private:
  typename Sync::template var<long> value_{0};
};

/// BUG (002 L19987, shared-counter helpers): get() and set() each take the
/// lock, but the read-modify-write spans two critical sections. No data race,
/// yet an atomicity violation loses updates.
template <class Sync>
class split_rmw_counter {
 public:
  long get() {
    std::lock_guard lock(mutex_);
    return value_.load();
  }
  void set(long v) {
    std::lock_guard lock(mutex_);
    value_.store(v);
  }
  void increment() { set(get() + 1); }
  long value() { return get(); }

 private:
  typename Sync::mutex mutex_;
  typename Sync::template var<long> value_{0};
};

/// BUG (classic): an atomic load then a separate atomic store. No data race
/// (every access is atomic) but the increment is not atomic.
template <class Sync>
class relaxed_load_store_counter {
 public:
  void increment() {
    const long current = value_.load(std::memory_order_relaxed);
    value_.store(current + 1, std::memory_order_relaxed);
  }
  long value() const { return value_.load(std::memory_order_relaxed); }

 private:
  typename Sync::template atomic<long> value_{0};
};

/// Correct (every seed): a mutex around the increment.
template <class Sync>
class locked_counter {
 public:
  void increment() {
    std::lock_guard lock(mutex_);
    value_.store(value_.load() + 1);
  }
  long value() {
    std::lock_guard lock(mutex_);
    return value_.load();
  }

 private:
  typename Sync::mutex mutex_;
  typename Sync::template var<long> value_{0};
};

/// Correct (002 §5.4.03): fetch_add.
template <class Sync>
class atomic_counter {
 public:
  void increment() { value_.fetch_add(1, std::memory_order_relaxed); }
  long value() const { return value_.load(std::memory_order_relaxed); }

 private:
  typename Sync::template atomic<long> value_{0};
};

/// Correct (002 §5.4.03, "thread-local counting"): each thread counts in its
/// own slot; the total is summed after every thread joined.
template <class Sync>
class thread_local_sum_counter {
 public:
  explicit thread_local_sum_counter(std::size_t threads) : slots_(threads) {}
  void increment(std::size_t thread) { slots_[thread].store(slots_[thread].load() + 1); }
  /// Only after the counting threads joined.
  long value() const {
    long total = 0;
    for (const auto& slot : slots_) total += slot.load();
    return total;
  }

 private:
  std::vector<typename Sync::template var<long>> slots_;
};

/// Correct (002 §5.4.03, "queue-serialised updates"): increments are sent
/// through a queue to one worker, the only thread that touches the count.
template <class Sync>
class queue_serialized_counter {
 public:
  /// Producer side: ask for one increment.
  void increment() { push(1); }
  /// Producer side, once per producer when done: a zero is its end marker.
  void producer_done() { push(0); }
  /// Worker side: applies increments until `producers` end markers arrived.
  void run_worker(std::size_t producers) {
    std::size_t ended = 0;
    while (ended < producers) {
      std::unique_lock lock(mutex_);
      while (queue_.read().empty()) not_empty_.wait(lock);
      const int delta = queue_.read().front();
      queue_.write().pop_front();
      lock.unlock();
      if (delta == 0) {
        ++ended;
      } else {
        count_.store(count_.load() + delta);
      }
    }
  }
  /// Only after the worker joined.
  long value() const { return count_.load(); }

 private:
  void push(int delta) {
    {
      std::lock_guard lock(mutex_);
      queue_.write().push_back(delta);
    }
    not_empty_.notify_one();
  }

  typename Sync::mutex mutex_;
  typename Sync::condition_variable not_empty_;
  typename Sync::template var<std::deque<int>> queue_;
  typename Sync::template var<long> count_{0};
};

}  // namespace weft::models
