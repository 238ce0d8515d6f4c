// weft/sync/condition_variable.hpp — checked condition variables:
// weft::condition_variable (waits on std::unique_lock<weft::mutex>) and
// weft::condition_variable_any (any BasicLockable). Inside a checked
// execution the strategy picks which waiter a notify_one wakes, timed waits
// use logical time, and spurious wakeups happen when options enable them.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>

#include "weft/detail/runtime.hpp"
#include "weft/sync/mutex.hpp"

namespace weft {

class condition_variable_any {
 public:
  condition_variable_any(const detail::location& born = detail::location::current()) noexcept {  // NOLINT
    detail::note_birth(state_, born);
    if (detail::current() != nullptr) detail::on_create(state_, detail::object_kind::condition_variable);
  }
  /// A condition variable named for reports: weft::condition_variable_any ready{"queue.ready"}.
  explicit condition_variable_any(const char* name, const detail::location& born = detail::location::current())
      : condition_variable_any(born) {
    detail::give_name(state_, name);
  }
  condition_variable_any(const condition_variable_any&) = delete;
  condition_variable_any& operator=(const condition_variable_any&) = delete;

  void notify_one(const detail::location& where = detail::location::current()) {
    if (detail::current() != nullptr) return detail::cv_notify(state_, false, where);
    real_.notify_one();
  }
  void notify_all(const detail::location& where = detail::location::current()) {
    if (detail::current() != nullptr) return detail::cv_notify(state_, true, where);
    real_.notify_all();
  }

  template <class Lock>
  void wait(Lock& lock, const detail::location& where = detail::location::current()) {
    if (detail::current() == nullptr) return real_.wait(lock);
    checked_wait(lock, nullptr, where);
  }
  template <class Lock, class Predicate>
  void wait(Lock& lock, Predicate pred, const detail::location& where = detail::location::current()) {
    while (!pred()) wait(lock, where);
  }
  template <class Lock, class Clock, class Duration>
  std::cv_status wait_until(Lock& lock, const std::chrono::time_point<Clock, Duration>& deadline,
                            const detail::location& where = detail::location::current()) {
    if (detail::current() == nullptr) return real_.wait_until(lock, deadline);
    const time_point logical = detail::to_logical(deadline);
    return checked_wait(lock, &logical, where) ? std::cv_status::no_timeout : std::cv_status::timeout;
  }
  template <class Lock, class Clock, class Duration, class Predicate>
  bool wait_until(Lock& lock, const std::chrono::time_point<Clock, Duration>& deadline, Predicate pred,
                  const detail::location& where = detail::location::current()) {
    while (!pred()) {
      if (wait_until(lock, deadline, where) == std::cv_status::timeout) return pred();
    }
    return true;
  }
  template <class Lock, class Rep, class Period>
  std::cv_status wait_for(Lock& lock, const std::chrono::duration<Rep, Period>& d,
                          const detail::location& where = detail::location::current()) {
    return wait_until(lock, now() + d, where);
  }
  template <class Lock, class Rep, class Period, class Predicate>
  bool wait_for(Lock& lock, const std::chrono::duration<Rep, Period>& d, Predicate pred,
                const detail::location& where = detail::location::current()) {
    return wait_until(lock, now() + d, std::move(pred), where);
  }

 private:
  static time_point now() { return detail::current() != nullptr ? detail::logical_now() : clock::now(); }

  template <class Lock>
  bool checked_wait(Lock& lock, const time_point* deadline, const detail::location& where) {
    detail::cv_wait_begin(state_, where);
    lock.unlock();
    const bool in_time = detail::cv_wait_block(state_, deadline, where);
    lock.lock();
    return in_time;
  }

  friend struct detail::header_access;
  detail::cv_state state_;
  std::condition_variable_any real_;
};

/// As std::condition_variable: waits on std::unique_lock<weft::mutex>.
class condition_variable : public condition_variable_any {
 public:
  // Not inherited: a defaulted location is taken where the constructor is called.
  condition_variable(const detail::location& born = detail::location::current()) noexcept  // NOLINT
      : condition_variable_any(born) {}
  explicit condition_variable(const char* name, const detail::location& born = detail::location::current())
      : condition_variable_any(name, born) {}
};

}  // namespace weft
