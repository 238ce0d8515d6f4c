// weft/checked_sync.hpp — the Sync policy of the controlled scheduler: every
// primitive is weft's checked one, so a model instantiated with checked_sync
// runs under weft::check with every detector on.
#pragma once

#include "weft/sync/atomic.hpp"
#include "weft/sync/condition_variable.hpp"
#include "weft/sync/mutex.hpp"
#include "weft/sync/semaphore.hpp"
#include "weft/sync/thread.hpp"
#include "weft/sync/var.hpp"
#include "weft/sync_policy.hpp"

namespace weft {

struct checked_sync {
  using mutex = weft::mutex;
  using recursive_mutex = weft::recursive_mutex;
  using shared_mutex = weft::shared_mutex;
  using condition_variable = weft::condition_variable;
  using condition_variable_any = weft::condition_variable_any;
  template <std::ptrdiff_t N>
  using counting_semaphore = weft::counting_semaphore<N>;
  template <class T>
  using atomic = weft::atomic<T>;
  template <class T>
  using var = weft::var<T>;
  using thread = weft::thread;
  struct this_thread {
    static void yield(const detail::location& where = detail::location::current()) { weft::this_thread::yield(where); }
    template <class Rep, class Period>
    static void sleep_for(std::chrono::duration<Rep, Period> d,
                          const detail::location& where = detail::location::current()) {
      weft::this_thread::sleep_for(d, where);
    }
  };
  static time_point now() { return weft::now(); }
  static void atomic_thread_fence(std::memory_order order,
                                  const detail::location& where = detail::location::current()) {
    weft::atomic_thread_fence(order, where);
  }
};

static_assert(sync_policy<checked_sync>);

}  // namespace weft
