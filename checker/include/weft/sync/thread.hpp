// weft/sync/thread.hpp — weft::thread and weft::this_thread. Inside a checked
// execution a thread is a logical thread (a fiber) of the controlled
// scheduler; spawn and join are scheduling points and happens-before edges.
// Outside one it is a std::thread.
#pragma once

#include <chrono>
#include <functional>
#include <thread>
#include <type_traits>
#include <utility>

#include "weft/detail/runtime.hpp"

namespace weft {

class thread {
 public:
  thread() noexcept = default;

  template <class F, class... Args>
    requires(!std::is_same_v<std::remove_cvref_t<F>, thread>)
  explicit thread(F&& f, Args&&... args) {
    detail::thread_body body = [fn = std::forward<F>(f), ... a = std::forward<Args>(args)]() mutable {
      std::invoke(fn, a...);
    };
    if (detail::current() != nullptr) {
      id_ = detail::thread_spawn(std::move(body), detail::location::current());
      checked_ = true;
    } else {
      real_ = std::thread(std::move(body));
    }
  }
  thread(thread&& other) noexcept { *this = std::move(other); }
  thread& operator=(thread&& other) noexcept {
    if (this != &other) {
      real_ = std::move(other.real_);
      id_ = std::exchange(other.id_, detail::no_thread);
      checked_ = std::exchange(other.checked_, false);
    }
    return *this;
  }
  ~thread() {
    if (checked_ && id_ != detail::no_thread) {
      detail::report_misuse(finding_subkind::destroy_joinable,
                            "thread " + std::to_string(id_) +
                                " destroyed while joinable (std::thread would call std::terminate)",
                            detail::location::current());
    }
  }

  bool joinable() const noexcept { return checked_ ? id_ != detail::no_thread : real_.joinable(); }
  void join(const detail::location& where = detail::location::current()) {
    if (!checked_) return real_.join();
    if (id_ == detail::no_thread) {
      detail::misuse(finding_subkind::join_not_joinable, "join of a thread that is not joinable (joined twice?)", where);
    }
    const std::uint32_t id = std::exchange(id_, detail::no_thread);
    detail::thread_join(id, where);
  }
  /// As std::thread::detach: the thread runs on by itself. A checked
  /// execution ends when the threads nobody detached have ended; detached
  /// threads still runnable then run on until they end or block for good
  /// (not a finding), and what they do meanwhile is checked as usual.
  void detach(const detail::location& where = detail::location::current()) {
    if (!checked_) return real_.detach();
    if (id_ == detail::no_thread) {
      detail::misuse(finding_subkind::detach_not_joinable, "detach of a thread that is not joinable (joined or detached)",
                     where);
    }
    detail::thread_detach(std::exchange(id_, detail::no_thread), where);
  }

 private:
  std::thread real_;
  std::uint32_t id_ = detail::no_thread;
  bool checked_ = false;
};

namespace this_thread {
inline void yield(const detail::location& where = detail::location::current()) {
  if (detail::current() != nullptr) return detail::thread_yield(where);
  std::this_thread::yield();
}
template <class Rep, class Period>
void sleep_for(const std::chrono::duration<Rep, Period>& d, const detail::location& where = detail::location::current()) {
  if (detail::current() != nullptr) {
    return detail::thread_sleep_until(detail::logical_now() + std::chrono::duration_cast<clock::duration>(d), where);
  }
  std::this_thread::sleep_for(d);
}
template <class Clock, class Duration>
void sleep_until(const std::chrono::time_point<Clock, Duration>& t,
                 const detail::location& where = detail::location::current()) {
  if (detail::current() != nullptr) return detail::thread_sleep_until(detail::to_logical(t), where);
  std::this_thread::sleep_until(t);
}
}  // namespace this_thread

/// The clock of checked code: logical time inside a checked execution
/// (sleeping costs no wall time there), steady_clock outside.
inline time_point now() { return detail::logical_now(); }

}  // namespace weft
