// weft/relacy_sync.hpp — the Sync policy over Relacy (rl::), for the relaxed
// C++ memory model: weft::relacy_sync.
//
// Only the Relacy translation units of the weft-relacy program include this
// header, and only after every std and weft header they need:
// <relacy/relacy.hpp> #defines new, delete, malloc, free, assert and errno,
// and replaces the global allocator of the whole process.
//
// Every operation takes a defaulted weft::detail::location and hands Relacy the
// debug info it wants (Relacy's `$`), so models never see `$`. Operators
// (conversion, assignment, ++) cannot take one; they report their own place.
// std::lock_guard over these mutexes is specialised to take the guard's own
// location (std::unique_lock is not: its lock calls report <mutex>'s line).
// Misuse relacy_sync detects itself (over-released semaphore, joining twice)
// fails the execution as a user assertion whose text starts "misuse:".
// Where Relacy has no std-shaped type, one is built from rl primitives:
// shared_mutex on rl::generic_mutex (rw), counting_semaphore on rl::semaphore,
// thread on rl::dyn_thread (the test suite must reserve dynamic threads).
// now() is logical: it starts at the epoch in every execution and moves only
// when sleep_for or a timed wait times out.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <climits>
#include <condition_variable>
#include <cstddef>
#include <cstdlib>
#include <functional>
#include <memory>
#include <mutex>
#include "weft/detail/location.hpp"
#include <string>
#include <type_traits>
#include <utility>

#include "weft/sync_policy.hpp"

#include <relacy/relacy.hpp>

// Relacy's `new`/`delete` macros (allocation tracking with debug info) would
// break `= delete` and placement new here; they are back at the end.
#pragma push_macro("new")
#pragma push_macro("delete")
#undef new
#undef delete
// weft code spells std::memory_order; Relacy's memory_order_* macros (they
// expand to "mo_x, $") would break any std or weft header included later.
#undef memory_order_relaxed
#undef memory_order_consume
#undef memory_order_acquire
#undef memory_order_release
#undef memory_order_acq_rel
#undef memory_order_seq_cst

namespace weft::relacy_detail {

using here = weft::detail::location;

inline rl::debug_info info(const here& loc) {
  return rl::debug_info(loc.function_name(), loc.file_name(), loc.line());
}

constexpr rl::memory_order order(std::memory_order mo) {
  switch (mo) {
    case std::memory_order::relaxed: return rl::mo_relaxed;
    case std::memory_order::consume: return rl::mo_consume;
    case std::memory_order::acquire: return rl::mo_acquire;
    case std::memory_order::release: return rl::mo_release;
    case std::memory_order::acq_rel: return rl::mo_acq_rel;
    case std::memory_order::seq_cst: break;
  }
  return rl::mo_seq_cst;
}

/// Ends the current Relacy execution with a failure. A description starting
/// with "misuse:" is reported as weft's `misuse` kind, one starting with a
/// sub-kind's spelling ("misuse/over_release:") as that sub-kind
/// (weft-relacy maps it).
[[noreturn]] inline void fail(const std::string& description, const here& loc) {
  rl::ctx().fail_test(description.c_str(), rl::test_result_user_assert_failed, info(loc));
  std::abort();  // fail_test switches to Relacy's main fiber and never returns
}

/// Logical time of the current execution (one execution runs on one OS thread).
inline std::chrono::nanoseconds& elapsed() {
  static std::chrono::nanoseconds value{0};
  return value;
}

inline void advance_to(time_point t) {
  const auto since_epoch = std::chrono::duration_cast<std::chrono::nanoseconds>(t.time_since_epoch());
  elapsed() = std::max(elapsed(), since_epoch);
}

inline time_point logical_now() { return time_point(std::chrono::duration_cast<clock::duration>(elapsed())); }

// --- mutexes ---------------------------------------------------------------

template <class Native>
class basic_mutex {
 public:
  basic_mutex() = default;
  basic_mutex(const basic_mutex&) = delete;
  basic_mutex& operator=(const basic_mutex&) = delete;
  void lock(here loc = here::current()) { m_.lock(info(loc)); }
  bool try_lock(here loc = here::current()) { return m_.try_lock(info(loc)); }
  void unlock(here loc = here::current()) { m_.unlock(info(loc)); }
  Native& native() { return m_; }

 private:
  Native m_;
};

class shared_mutex {
 public:
  explicit shared_mutex(here loc = here::current()) {
    // read-write; exclusive and shared side non-recursive; try_lock may fail spuriously (as std's)
    m_.init(true, false, false, true, info(loc));
  }
  ~shared_mutex() { m_.deinit(info(here::current())); }
  shared_mutex(const shared_mutex&) = delete;
  shared_mutex& operator=(const shared_mutex&) = delete;
  void lock(here loc = here::current()) { m_.lock_exclusive(info(loc)); }
  bool try_lock(here loc = here::current()) { return m_.try_lock_exclusive(info(loc)); }
  void unlock(here loc = here::current()) { m_.unlock_exclusive(info(loc)); }
  void lock_shared(here loc = here::current()) { m_.lock_shared(info(loc)); }
  bool try_lock_shared(here loc = here::current()) { return m_.try_lock_shared(info(loc)); }
  void unlock_shared(here loc = here::current()) { m_.unlock_shared(info(loc)); }

 private:
  struct tag;
  rl::generic_mutex<tag> m_;
};

// --- condition variables ---------------------------------------------------

/// What Relacy's condvar unlocks and relocks: any lockable, by reference.
template <class Lockable>
struct lock_ref {
  Lockable& lockable;
  void lock(rl::debug_info_param) const { lockable.lock(); }
  void unlock(rl::debug_info_param) const { lockable.unlock(); }
};

/// std::condition_variable(_any)'s interface over rl::condition_variable(_any).
/// Waits may wake spuriously (Relacy chooses). A timed wait that times out
/// moves logical time to its deadline.
template <class Native, class Lock>
class basic_condition_variable {
 public:
  basic_condition_variable() = default;
  basic_condition_variable(const basic_condition_variable&) = delete;
  basic_condition_variable& operator=(const basic_condition_variable&) = delete;

  void notify_one(here loc = here::current()) { cv_.notify_one(info(loc)); }
  void notify_all(here loc = here::current()) { cv_.notify_all(info(loc)); }

  template <class L>
    requires std::same_as<Lock, void> || std::same_as<L, Lock>
  void wait(L& lock, here loc = here::current()) {
    lock_ref<L> ref{lock};
    cv_.wait(ref, info(loc));
  }
  template <class L, class Pred>
    requires std::same_as<Lock, void> || std::same_as<L, Lock>
  void wait(L& lock, Pred pred, here loc = here::current()) {
    while (!pred()) wait(lock, loc);
  }
  template <class L, class Rep, class Period>
    requires std::same_as<Lock, void> || std::same_as<L, Lock>
  std::cv_status wait_for(L& lock, const std::chrono::duration<Rep, Period>& d, here loc = here::current()) {
    return wait_until(lock, logical_now() + std::chrono::duration_cast<clock::duration>(d), loc);
  }
  template <class L, class Rep, class Period, class Pred>
    requires std::same_as<Lock, void> || std::same_as<L, Lock>
  bool wait_for(L& lock, const std::chrono::duration<Rep, Period>& d, Pred pred, here loc = here::current()) {
    return wait_until(lock, logical_now() + std::chrono::duration_cast<clock::duration>(d), std::move(pred), loc);
  }
  template <class L>
    requires std::same_as<Lock, void> || std::same_as<L, Lock>
  std::cv_status wait_until(L& lock, time_point deadline, here loc = here::current()) {
    if (logical_now() >= deadline) return std::cv_status::timeout;
    lock_ref<L> ref{lock};
    const bool woken = cv_.wait_for(ref, 0, info(loc));  // Relacy: timed wait, no real time
    if (woken) return std::cv_status::no_timeout;
    advance_to(deadline);
    return std::cv_status::timeout;
  }
  template <class L, class Pred>
    requires std::same_as<Lock, void> || std::same_as<L, Lock>
  bool wait_until(L& lock, time_point deadline, Pred pred, here loc = here::current()) {
    while (!pred()) {
      if (wait_until(lock, deadline, loc) == std::cv_status::timeout) return pred();
    }
    return true;
  }

 private:
  Native cv_;
};

// --- semaphores ------------------------------------------------------------

template <std::ptrdiff_t LeastMax>
class counting_semaphore {
 public:
  static constexpr std::ptrdiff_t max() noexcept { return std::min<std::ptrdiff_t>(LeastMax, INT_MAX); }

  explicit counting_semaphore(std::ptrdiff_t desired, here loc = here::current()) {
    s_.init(false, static_cast<unsigned>(desired), static_cast<unsigned>(max()), info(loc));
  }
  ~counting_semaphore() { s_.deinit(info(here::current())); }
  counting_semaphore(const counting_semaphore&) = delete;
  counting_semaphore& operator=(const counting_semaphore&) = delete;

  void release(std::ptrdiff_t update = 1, here loc = here::current()) {
    unsigned previous = 0;
    if (update < 0 || !s_.post(static_cast<unsigned>(update), previous, info(loc)))
      fail("misuse/over_release: counting_semaphore released above its maximum", loc);
  }
  void acquire(here loc = here::current()) { s_.wait(false, false, info(loc)); }
  bool try_acquire(here loc = here::current()) {
    return s_.wait(true, false, info(loc)) == rl::sema_wakeup_reason_success;
  }
  template <class Rep, class Period>
  bool try_acquire_for(const std::chrono::duration<Rep, Period>& d, here loc = here::current()) {
    return try_acquire_until(logical_now() + std::chrono::duration_cast<clock::duration>(d), loc);
  }
  bool try_acquire_until(time_point deadline, here loc = here::current()) {
    if (s_.wait(false, true, info(loc)) == rl::sema_wakeup_reason_success) return true;
    advance_to(deadline);
    return false;
  }

 private:
  struct tag;
  rl::semaphore<tag> s_;
};

// --- atomics ---------------------------------------------------------------

/// std::atomic<T>'s interface over rl::atomic<T>. Value-initialised by
/// default, as std::atomic is since C++20.
template <class T>
class atomic {
  static constexpr bool integral = std::is_integral_v<T> && !std::is_same_v<T, bool>;

 public:
  using value_type = T;
  atomic(here loc = here::current()) { a_.store(T{}, rl::mo_relaxed, info(loc)); }  // NOLINT
  atomic(T desired, here loc = here::current()) { a_.store(desired, rl::mo_relaxed, info(loc)); }  // NOLINT
  atomic(const atomic&) = delete;
  atomic& operator=(const atomic&) = delete;

  T load(std::memory_order mo = std::memory_order::seq_cst, here loc = here::current()) const {
    return a_.load(order(mo), info(loc));
  }
  void store(T v, std::memory_order mo = std::memory_order::seq_cst, here loc = here::current()) {
    a_.store(v, order(mo), info(loc));
  }
  T exchange(T v, std::memory_order mo = std::memory_order::seq_cst, here loc = here::current()) {
    return a_.exchange(v, order(mo), info(loc));
  }
  bool compare_exchange_weak(T& expected, T desired, std::memory_order mo = std::memory_order::seq_cst,
                             here loc = here::current()) {
    return a_.compare_exchange_weak(expected, desired, order(mo), info(loc));
  }
  bool compare_exchange_weak(T& expected, T desired, std::memory_order success, std::memory_order failure,
                             here loc = here::current()) {
    return a_.compare_exchange_weak(expected, desired, order(success), info(loc), order(failure), info(loc));
  }
  bool compare_exchange_strong(T& expected, T desired, std::memory_order mo = std::memory_order::seq_cst,
                               here loc = here::current()) {
    return a_.compare_exchange_strong(expected, desired, order(mo), info(loc));
  }
  bool compare_exchange_strong(T& expected, T desired, std::memory_order success, std::memory_order failure,
                               here loc = here::current()) {
    return a_.compare_exchange_strong(expected, desired, order(success), info(loc), order(failure), info(loc));
  }
  T fetch_add(T v, std::memory_order mo = std::memory_order::seq_cst, here loc = here::current())
    requires integral
  {
    return a_.fetch_add(v, order(mo), info(loc));
  }
  T fetch_sub(T v, std::memory_order mo = std::memory_order::seq_cst, here loc = here::current())
    requires integral
  {
    return a_.fetch_sub(v, order(mo), info(loc));
  }
  T fetch_and(T v, std::memory_order mo = std::memory_order::seq_cst, here loc = here::current())
    requires integral
  {
    return a_.fetch_and(v, order(mo), info(loc));
  }
  T fetch_or(T v, std::memory_order mo = std::memory_order::seq_cst, here loc = here::current())
    requires integral
  {
    return a_.fetch_or(v, order(mo), info(loc));
  }
  T fetch_xor(T v, std::memory_order mo = std::memory_order::seq_cst, here loc = here::current())
    requires integral
  {
    return a_.fetch_xor(v, order(mo), info(loc));
  }

  operator T() const { return load(); }  // NOLINT(google-explicit-constructor)
  T operator=(T v) {
    store(v);
    return v;
  }
  T operator++() requires integral { return fetch_add(1) + 1; }
  T operator++(int) requires integral { return fetch_add(1); }
  T operator--() requires integral { return fetch_sub(1) - 1; }
  T operator--(int) requires integral { return fetch_sub(1); }
  T operator+=(T v) requires integral { return fetch_add(v) + v; }
  T operator-=(T v) requires integral { return fetch_sub(v) - v; }

 private:
  rl::atomic<T> a_;
};

// --- plain shared variables ------------------------------------------------

/// A plain shared variable whose every access Relacy checks for data races.
/// The value lives here; an rl::var shadows it (for arithmetic and pointer
/// types it holds the same value, so Relacy's history shows it; for other
/// types it holds 0 and only the race checking matters).
template <class T>
class var {
  static constexpr bool shown = std::is_arithmetic_v<T> || std::is_pointer_v<T>;
  using shadow_type = std::conditional_t<shown, T, int>;

 public:
  var(here loc = here::current()) : var(T{}, loc) {}  // NOLINT
  var(T initial, here loc = here::current()) : value_(std::move(initial)) {  // NOLINT
    shadow_(info(loc)).store(shadow_of(value_));
  }
  var(const var&) = delete;
  var& operator=(const var&) = delete;

  T load(here loc = here::current()) const {
    shadow_(info(loc)).load();
    return value_;
  }
  void store(T v, here loc = here::current()) {
    shadow_(info(loc)).store(shadow_of(v));
    value_ = std::move(v);
  }
  /// In-place access, checked as one read (read) or one write (write).
  const T& read(here loc = here::current()) const {
    shadow_(info(loc)).load();
    return value_;
  }
  T& write(here loc = here::current()) {
    shadow_(info(loc)).store(shadow_of(value_));
    return value_;
  }
  operator T() const { return load(); }  // NOLINT(google-explicit-constructor)
  var& operator=(T v) {
    store(std::move(v));
    return *this;
  }

 private:
  static shadow_type shadow_of(const T& v) {
    if constexpr (shown) {
      return v;
    } else {
      return 0;
    }
  }

  T value_;
  rl::var<shadow_type> shadow_;
};

// --- threads ---------------------------------------------------------------

/// A thread of the simulation, on one of Relacy's dynamic threads: the
/// rl::test_suite running the model must reserve enough (dynamic_thread_count).
class thread {
 public:
  thread() = default;
  explicit thread(std::function<void()> body) : state_(std::make_unique<state>()) {
    state_->body = std::move(body);
    state_->handle.start(&trampoline, state_.get());
    state_->joinable = true;
  }
  thread(thread&&) noexcept = default;
  thread& operator=(thread&&) noexcept = default;
  ~thread() {
    if (joinable()) fail("misuse/destroy_joinable: thread destroyed while joinable", here::current());
  }

  bool joinable() const noexcept { return state_ && state_->joinable; }
  void join(here loc = here::current()) {
    if (!joinable()) fail("misuse/join_not_joinable: join of a thread that is not joinable", loc);
    state_->handle.join();
    state_->joinable = false;
  }

 private:
  struct state {
    std::function<void()> body;
    rl::dyn_thread handle;
    bool joinable = false;
  };
  static void* trampoline(void* p) {
    static_cast<state*>(p)->body();
    return nullptr;
  }

  std::unique_ptr<state> state_;
};

}  // namespace weft::relacy_detail

/// std::lock_guard over relacy_sync's mutexes takes the source location of the
/// guard's declaration, so Relacy's history names the model's line rather than
/// a line of <mutex>. (A specialization for a program-defined type, with the
/// std interface.)
template <class Native>
class std::lock_guard<weft::relacy_detail::basic_mutex<Native>> {
 public:
  using mutex_type = weft::relacy_detail::basic_mutex<Native>;
  explicit lock_guard(mutex_type& m, weft::detail::location loc = weft::detail::location::current())
      : m_(m), loc_(loc) {
    m_.lock(loc_);
  }
  lock_guard(mutex_type& m, std::adopt_lock_t, weft::detail::location loc = weft::detail::location::current()) noexcept
      : m_(m), loc_(loc) {}
  ~lock_guard() { m_.unlock(loc_); }
  lock_guard(const lock_guard&) = delete;
  lock_guard& operator=(const lock_guard&) = delete;

 private:
  mutex_type& m_;
  weft::detail::location loc_;
};

namespace weft {

struct relacy_sync {
  using mutex = relacy_detail::basic_mutex<rl::mutex>;
  using recursive_mutex = relacy_detail::basic_mutex<rl::recursive_mutex>;
  using shared_mutex = relacy_detail::shared_mutex;
  using condition_variable =
      relacy_detail::basic_condition_variable<rl::condition_variable, std::unique_lock<mutex>>;
  using condition_variable_any = relacy_detail::basic_condition_variable<rl::condition_variable_any, void>;
  template <std::ptrdiff_t N>
  using counting_semaphore = relacy_detail::counting_semaphore<N>;
  template <class T>
  using atomic = relacy_detail::atomic<T>;
  template <class T>
  using var = relacy_detail::var<T>;
  using thread = relacy_detail::thread;
  struct this_thread {
    static void yield(weft::detail::location loc = weft::detail::location::current()) {
      rl::yield(1, relacy_detail::info(loc));
    }
    /// Moves logical time on by d and lets another thread run.
    template <class Rep, class Period>
    static void sleep_for(std::chrono::duration<Rep, Period> d,
                          weft::detail::location loc = weft::detail::location::current()) {
      relacy_detail::elapsed() += std::chrono::duration_cast<std::chrono::nanoseconds>(d);
      rl::yield(1, relacy_detail::info(loc));
    }
  };
  /// Logical time: the epoch at the start of each execution.
  static time_point now() { return relacy_detail::logical_now(); }
  static void atomic_thread_fence(std::memory_order order,
                                  weft::detail::location loc = weft::detail::location::current()) {
    rl::atomic_thread_fence(relacy_detail::order(order), relacy_detail::info(loc));
  }
  /// Called by the test suite at the start of each execution.
  static void begin_execution() { relacy_detail::elapsed() = std::chrono::nanoseconds{0}; }
};

static_assert(sync_policy<relacy_sync>);

}  // namespace weft

#pragma pop_macro("delete")
#pragma pop_macro("new")
