// weft/sync/semaphore.hpp — checked semaphores: weft::counting_semaphore<N>
// and weft::binary_semaphore. Releasing beyond the maximum is a misuse
// finding; timed acquires time out on logical time.
#pragma once

#include <chrono>
#include <cstddef>
#include <semaphore>

#include "weft/detail/runtime.hpp"

namespace weft {

template <std::ptrdiff_t LeastMaxValue = 1 << 30>
class counting_semaphore {
 public:
  static constexpr std::ptrdiff_t max() noexcept { return LeastMaxValue; }

  explicit counting_semaphore(std::ptrdiff_t desired, const detail::location& born = detail::location::current())
      : real_(desired) {
    detail::semaphore_init(state_, desired, LeastMaxValue);
    detail::note_birth(state_, born);
    if (detail::current() != nullptr) detail::on_create(state_, detail::object_kind::semaphore);
  }
  /// A semaphore named for reports: weft::counting_semaphore<4> slots{4, "pool.slots"}.
  counting_semaphore(std::ptrdiff_t desired, const char* name,
                     const detail::location& born = detail::location::current())
      : counting_semaphore(desired, born) {
    detail::give_name(state_, name);
  }
  counting_semaphore(const counting_semaphore&) = delete;
  counting_semaphore& operator=(const counting_semaphore&) = delete;

  void release(std::ptrdiff_t update = 1, const detail::location& where = detail::location::current()) {
    if (detail::current() != nullptr) return detail::semaphore_release(state_, update, where);
    real_.release(update);
  }
  void acquire(const detail::location& where = detail::location::current()) {
    if (detail::current() != nullptr) {
      detail::semaphore_acquire(state_, nullptr, false, where);
      return;
    }
    real_.acquire();
  }
  bool try_acquire(const detail::location& where = detail::location::current()) {
    if (detail::current() != nullptr) return detail::semaphore_acquire(state_, nullptr, true, where);
    return real_.try_acquire();
  }
  template <class Rep, class Period>
  bool try_acquire_for(const std::chrono::duration<Rep, Period>& d,
                       const detail::location& where = detail::location::current()) {
    if (detail::current() != nullptr) {
      const time_point deadline = detail::logical_now() + std::chrono::duration_cast<clock::duration>(d);
      return detail::semaphore_acquire(state_, &deadline, false, where);
    }
    return real_.try_acquire_for(d);
  }
  template <class Clock, class Duration>
  bool try_acquire_until(const std::chrono::time_point<Clock, Duration>& t,
                         const detail::location& where = detail::location::current()) {
    if (detail::current() != nullptr) {
      const time_point deadline = detail::to_logical(t);
      return detail::semaphore_acquire(state_, &deadline, false, where);
    }
    return real_.try_acquire_until(t);
  }

 private:
  friend struct detail::header_access;
  detail::semaphore_state state_;
  std::counting_semaphore<LeastMaxValue> real_;
};

using binary_semaphore = counting_semaphore<1>;

}  // namespace weft
