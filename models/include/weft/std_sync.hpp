// weft/std_sync.hpp — the Sync policy of real std types, for production-speed
// runs and Google Benchmark baselines. A var<T> is a plain T behind the
// load()/store()/read()/write() interface every policy shares.
#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <semaphore>
#include <shared_mutex>
#include <thread>
#include <utility>

#include "weft/sync_policy.hpp"

namespace weft {

/// A plain shared variable: no synchronisation, no checking. The interface is
/// the one checked_sync and relacy_sync check for races.
template <class T>
class plain_var {
 public:
  plain_var() = default;
  explicit plain_var(T initial) : value_(std::move(initial)) {}
  T load() const { return value_; }
  void store(T v) { value_ = std::move(v); }
  const T& read() const { return value_; }
  T& write() { return value_; }
  operator T() const { return value_; }  // NOLINT(google-explicit-constructor)
  plain_var& operator=(T v) {
    value_ = std::move(v);
    return *this;
  }

 private:
  T value_{};
};

struct std_sync {
  using mutex = std::mutex;
  using recursive_mutex = std::recursive_mutex;
  using shared_mutex = std::shared_mutex;
  using condition_variable = std::condition_variable;
  using condition_variable_any = std::condition_variable_any;
  template <std::ptrdiff_t N>
  using counting_semaphore = std::counting_semaphore<N>;
  template <class T>
  using atomic = std::atomic<T>;
  template <class T>
  using var = plain_var<T>;
  using thread = std::thread;
  struct this_thread {
    static void yield() { std::this_thread::yield(); }
    template <class Rep, class Period>
    static void sleep_for(std::chrono::duration<Rep, Period> d) {
      std::this_thread::sleep_for(d);
    }
  };
  static time_point now() { return clock::now(); }
  static void atomic_thread_fence(std::memory_order order) { std::atomic_thread_fence(order); }
};

static_assert(sync_policy<std_sync>);

}  // namespace weft
