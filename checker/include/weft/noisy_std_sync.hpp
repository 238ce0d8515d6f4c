// weft/noisy_std_sync.hpp — the Sync policy for stress runs on real threads.
//
// noisy_std_sync behaves as the std types (std_sync), but before and after
// every synchronisation operation (lock, unlock, atomic op, var load/store,
// notify, wait, semaphore op, join) it may yield or, rarely, sleep a few µs.
// The noise widens the interleavings real threads reach, so a stress run (and
// ThreadSanitizer watching it) sees bugs that a quiet run hides. The choices
// come from a thread-local PRNG derived from a process-wide seed
// (noisy_std_sync::seed); a noisy thread seeds its PRNG from its creator's,
// so streams do not depend on which thread happens to start first.
//
// A var<T> is a plain T: its accesses are ordinary, unsynchronised memory
// accesses, so ThreadSanitizer reports races on them. The noise itself adds no
// happens-before edge (it only touches thread-local state and relaxed atomics).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <mutex>
#include <semaphore>
#include <shared_mutex>
#include <thread>
#include <type_traits>
#include <utility>

#include "weft/sync_policy.hpp"

namespace weft::noisy {

namespace detail {

inline std::atomic<std::uint64_t> process_seed{0x5eed0f7e57ULL};
inline std::atomic<std::uint64_t> seed_epoch{1};
inline std::atomic<std::uint64_t> next_stream{0};

/// Called with the exception that escaped a noisy thread's body; null: the
/// exception terminates the program, as it would from a std::thread.
using thread_exception_handler = void (*)(std::exception_ptr) noexcept;
inline std::atomic<thread_exception_handler> on_thread_exception{nullptr};

inline std::uint64_t splitmix64(std::uint64_t& state) noexcept {
  std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

struct thread_rng {
  std::uint64_t state = 0;
  std::uint64_t epoch = 0;  // the seed_epoch this state derives from; 0: none yet
};
inline thread_local thread_rng rng;

/// Next number of this thread's stream.
inline std::uint64_t next() noexcept {
  const std::uint64_t epoch = seed_epoch.load(std::memory_order_relaxed);
  if (rng.epoch != epoch) {
    std::uint64_t mix = process_seed.load(std::memory_order_relaxed) ^
                        (next_stream.fetch_add(1, std::memory_order_relaxed) * 0xd1b54a32d192ed03ULL);
    rng.state = splitmix64(mix);
    rng.epoch = epoch;
  }
  return splitmix64(rng.state);
}

/// Makes this thread's stream start from `state` (a new noisy thread does this
/// with a number drawn by its creator).
inline void adopt_stream(std::uint64_t state) noexcept {
  rng.state = state;
  rng.epoch = seed_epoch.load(std::memory_order_relaxed);
}

/// One injection point: usually nothing, sometimes a yield, rarely a short sleep.
inline void noise() noexcept {
  const std::uint64_t r = next();
  if ((r & 0x7) == 0) {  // 1 in 8
    std::this_thread::yield();
  } else if (((r >> 3) & 0xff) == 0) {  // 1 in 256 of the rest
    std::this_thread::sleep_for(std::chrono::microseconds(1 + ((r >> 11) & 0x7)));
  }
}

/// Runs `f` between two injection points.
template <class F>
decltype(auto) noisy(F&& f) {
  noise();
  if constexpr (std::is_void_v<decltype(f())>) {
    f();
    noise();
  } else {
    decltype(auto) r = f();
    noise();
    return r;
  }
}

}  // namespace detail

/// A lockable over a std mutex type, with noise around each operation.
template <class Std>
class basic_mutex {
 public:
  basic_mutex() = default;
  basic_mutex(const basic_mutex&) = delete;
  basic_mutex& operator=(const basic_mutex&) = delete;
  void lock() {
    detail::noisy([&] { m_.lock(); });
  }
  bool try_lock() {
    return detail::noisy([&] { return m_.try_lock(); });
  }
  void unlock() {
    detail::noisy([&] { m_.unlock(); });
  }

 protected:
  Std m_;
};

class condition_variable;

class mutex : public basic_mutex<std::mutex> {
  friend class condition_variable;
};

class recursive_mutex : public basic_mutex<std::recursive_mutex> {};

class shared_mutex : public basic_mutex<std::shared_mutex> {
 public:
  void lock_shared() {
    detail::noisy([&] { m_.lock_shared(); });
  }
  bool try_lock_shared() {
    return detail::noisy([&] { return m_.try_lock_shared(); });
  }
  void unlock_shared() {
    detail::noisy([&] { m_.unlock_shared(); });
  }
};

/// Waits on std::unique_lock<noisy::mutex>; waits on the wrapped std::mutex.
class condition_variable {
 public:
  condition_variable() = default;
  condition_variable(const condition_variable&) = delete;
  condition_variable& operator=(const condition_variable&) = delete;

  void notify_one() noexcept {
    detail::noisy([&] { cv_.notify_one(); });
  }
  void notify_all() noexcept {
    detail::noisy([&] { cv_.notify_all(); });
  }
  void wait(std::unique_lock<mutex>& lock) {
    detail::noisy([&] { on_inner(lock, [&](std::unique_lock<std::mutex>& l) { cv_.wait(l); }); });
  }
  template <class Predicate>
  void wait(std::unique_lock<mutex>& lock, Predicate pred) {
    while (!pred()) wait(lock);
  }
  template <class Clock, class Duration>
  std::cv_status wait_until(std::unique_lock<mutex>& lock,
                            const std::chrono::time_point<Clock, Duration>& deadline) {
    return detail::noisy([&] {
      return on_inner(lock, [&](std::unique_lock<std::mutex>& l) { return cv_.wait_until(l, deadline); });
    });
  }
  template <class Clock, class Duration, class Predicate>
  bool wait_until(std::unique_lock<mutex>& lock, const std::chrono::time_point<Clock, Duration>& deadline,
                  Predicate pred) {
    while (!pred()) {
      if (wait_until(lock, deadline) == std::cv_status::timeout) return pred();
    }
    return true;
  }
  template <class Rep, class Period>
  std::cv_status wait_for(std::unique_lock<mutex>& lock, const std::chrono::duration<Rep, Period>& d) {
    return wait_until(lock, std::chrono::steady_clock::now() + d);
  }
  template <class Rep, class Period, class Predicate>
  bool wait_for(std::unique_lock<mutex>& lock, const std::chrono::duration<Rep, Period>& d, Predicate pred) {
    return wait_until(lock, std::chrono::steady_clock::now() + d, std::move(pred));
  }

 private:
  /// Calls f with a std::unique_lock adopting the noisy mutex's std::mutex,
  /// which the caller's lock holds, and hands it back afterwards.
  template <class F>
  static std::invoke_result_t<F&, std::unique_lock<std::mutex>&> on_inner(std::unique_lock<mutex>& lock, F&& f) {
    std::unique_lock<std::mutex> inner(lock.mutex()->m_, std::adopt_lock);
    struct give_back {
      std::unique_lock<std::mutex>& l;
      ~give_back() { l.release(); }
    } guard{inner};
    return f(inner);
  }

  std::condition_variable cv_;
};

/// Waits on any lock (its lock()/unlock() are noisy when it is a noisy lock).
class condition_variable_any {
 public:
  condition_variable_any() = default;
  condition_variable_any(const condition_variable_any&) = delete;
  condition_variable_any& operator=(const condition_variable_any&) = delete;

  void notify_one() noexcept {
    detail::noisy([&] { cv_.notify_one(); });
  }
  void notify_all() noexcept {
    detail::noisy([&] { cv_.notify_all(); });
  }
  template <class Lock>
  void wait(Lock& lock) {
    detail::noisy([&] { cv_.wait(lock); });
  }
  template <class Lock, class Predicate>
  void wait(Lock& lock, Predicate pred) {
    while (!pred()) wait(lock);
  }
  template <class Lock, class Clock, class Duration>
  std::cv_status wait_until(Lock& lock, const std::chrono::time_point<Clock, Duration>& deadline) {
    return detail::noisy([&] { return cv_.wait_until(lock, deadline); });
  }
  template <class Lock, class Clock, class Duration, class Predicate>
  bool wait_until(Lock& lock, const std::chrono::time_point<Clock, Duration>& deadline, Predicate pred) {
    while (!pred()) {
      if (wait_until(lock, deadline) == std::cv_status::timeout) return pred();
    }
    return true;
  }
  template <class Lock, class Rep, class Period>
  std::cv_status wait_for(Lock& lock, const std::chrono::duration<Rep, Period>& d) {
    return wait_until(lock, std::chrono::steady_clock::now() + d);
  }
  template <class Lock, class Rep, class Period, class Predicate>
  bool wait_for(Lock& lock, const std::chrono::duration<Rep, Period>& d, Predicate pred) {
    return wait_until(lock, std::chrono::steady_clock::now() + d, std::move(pred));
  }

 private:
  std::condition_variable_any cv_;
};

template <std::ptrdiff_t LeastMaxValue>
class counting_semaphore {
 public:
  static constexpr std::ptrdiff_t max() noexcept { return std::counting_semaphore<LeastMaxValue>::max(); }
  explicit counting_semaphore(std::ptrdiff_t desired) : s_(desired) {}
  counting_semaphore(const counting_semaphore&) = delete;
  counting_semaphore& operator=(const counting_semaphore&) = delete;

  void release(std::ptrdiff_t update = 1) {
    detail::noisy([&] { s_.release(update); });
  }
  void acquire() {
    detail::noisy([&] { s_.acquire(); });
  }
  bool try_acquire() noexcept {
    return detail::noisy([&] { return s_.try_acquire(); });
  }
  template <class Rep, class Period>
  bool try_acquire_for(const std::chrono::duration<Rep, Period>& d) {
    return detail::noisy([&] { return s_.try_acquire_for(d); });
  }
  template <class Clock, class Duration>
  bool try_acquire_until(const std::chrono::time_point<Clock, Duration>& deadline) {
    return detail::noisy([&] { return s_.try_acquire_until(deadline); });
  }

 private:
  std::counting_semaphore<LeastMaxValue> s_;
};

namespace detail {
template <class T>
struct atomic_difference {
  using type = T;
};
template <class T>
struct atomic_difference<T*> {
  using type = std::ptrdiff_t;
};
}  // namespace detail

/// std::atomic<T> with noise around every operation.
template <class T>
class atomic {
  static constexpr bool arithmetic = std::is_integral_v<T> || std::is_floating_point_v<T> || std::is_pointer_v<T>;
  static constexpr bool bitwise = std::is_integral_v<T>;

 public:
  using value_type = T;
  using difference_type = typename detail::atomic_difference<T>::type;
  static constexpr bool is_always_lock_free = std::atomic<T>::is_always_lock_free;

  constexpr atomic() noexcept(std::is_nothrow_default_constructible_v<T>) = default;
  constexpr atomic(T desired) noexcept : a_(desired) {}  // NOLINT(google-explicit-constructor)
  atomic(const atomic&) = delete;
  atomic& operator=(const atomic&) = delete;

  bool is_lock_free() const noexcept { return a_.is_lock_free(); }
  T load(std::memory_order mo = std::memory_order_seq_cst) const noexcept {
    return detail::noisy([&] { return a_.load(mo); });
  }
  void store(T desired, std::memory_order mo = std::memory_order_seq_cst) noexcept {
    detail::noisy([&] { a_.store(desired, mo); });
  }
  operator T() const noexcept { return load(); }  // NOLINT(google-explicit-constructor)
  T operator=(T desired) noexcept {
    store(desired);
    return desired;
  }
  T exchange(T desired, std::memory_order mo = std::memory_order_seq_cst) noexcept {
    return detail::noisy([&] { return a_.exchange(desired, mo); });
  }
  bool compare_exchange_weak(T& expected, T desired, std::memory_order mo = std::memory_order_seq_cst) noexcept {
    return detail::noisy([&] { return a_.compare_exchange_weak(expected, desired, mo); });
  }
  bool compare_exchange_weak(T& expected, T desired, std::memory_order success,
                             std::memory_order failure) noexcept {
    return detail::noisy([&] { return a_.compare_exchange_weak(expected, desired, success, failure); });
  }
  bool compare_exchange_strong(T& expected, T desired, std::memory_order mo = std::memory_order_seq_cst) noexcept {
    return detail::noisy([&] { return a_.compare_exchange_strong(expected, desired, mo); });
  }
  bool compare_exchange_strong(T& expected, T desired, std::memory_order success,
                               std::memory_order failure) noexcept {
    return detail::noisy([&] { return a_.compare_exchange_strong(expected, desired, success, failure); });
  }

  T fetch_add(difference_type d, std::memory_order mo = std::memory_order_seq_cst) noexcept
    requires arithmetic
  {
    return detail::noisy([&] { return a_.fetch_add(d, mo); });
  }
  T fetch_sub(difference_type d, std::memory_order mo = std::memory_order_seq_cst) noexcept
    requires arithmetic
  {
    return detail::noisy([&] { return a_.fetch_sub(d, mo); });
  }
  T fetch_and(T v, std::memory_order mo = std::memory_order_seq_cst) noexcept
    requires bitwise
  {
    return detail::noisy([&] { return a_.fetch_and(v, mo); });
  }
  T fetch_or(T v, std::memory_order mo = std::memory_order_seq_cst) noexcept
    requires bitwise
  {
    return detail::noisy([&] { return a_.fetch_or(v, mo); });
  }
  T fetch_xor(T v, std::memory_order mo = std::memory_order_seq_cst) noexcept
    requires bitwise
  {
    return detail::noisy([&] { return a_.fetch_xor(v, mo); });
  }
  T operator++() noexcept requires arithmetic { return fetch_add(1) + 1; }
  T operator--() noexcept requires arithmetic { return fetch_sub(1) - 1; }
  T operator++(int) noexcept requires arithmetic { return fetch_add(1); }
  T operator--(int) noexcept requires arithmetic { return fetch_sub(1); }
  T operator+=(difference_type d) noexcept requires arithmetic { return fetch_add(d) + d; }
  T operator-=(difference_type d) noexcept requires arithmetic { return fetch_sub(d) - d; }
  T operator&=(T v) noexcept requires bitwise { return fetch_and(v) & v; }
  T operator|=(T v) noexcept requires bitwise { return fetch_or(v) | v; }
  T operator^=(T v) noexcept requires bitwise { return fetch_xor(v) ^ v; }

  void wait(T old, std::memory_order mo = std::memory_order_seq_cst) const noexcept {
    detail::noisy([&] { a_.wait(old, mo); });
  }
  void notify_one() noexcept {
    detail::noisy([&] { a_.notify_one(); });
  }
  void notify_all() noexcept {
    detail::noisy([&] { a_.notify_all(); });
  }

 private:
  std::atomic<T> a_{};
};

/// A plain shared variable: ordinary memory accesses (ThreadSanitizer sees
/// races on them), with noise around each load and store.
template <class T>
class var {
 public:
  var() = default;
  explicit var(T initial) : value_(std::move(initial)) {}
  T load() const {
    detail::noise();
    T v = value_;
    detail::noise();
    return v;
  }
  void store(T v) {
    detail::noise();
    value_ = std::move(v);
    detail::noise();
  }
  const T& read() const {
    detail::noise();
    return value_;
  }
  T& write() {
    detail::noise();
    return value_;
  }
  operator T() const { return load(); }  // NOLINT(google-explicit-constructor)
  var& operator=(T v) {
    store(std::move(v));
    return *this;
  }

 private:
  T value_{};
};

/// std::thread whose body starts with its own noise stream (drawn from the
/// creator's) and whose start and join are injection points.
class thread {
 public:
  using id = std::thread::id;
  using native_handle_type = std::thread::native_handle_type;

  thread() noexcept = default;
  template <class F, class... Args>
    requires(!std::is_same_v<std::remove_cvref_t<F>, thread>)
  explicit thread(F&& f, Args&&... args) {
    detail::noise();
    const std::uint64_t stream = detail::next();
    t_ = std::thread(
        [stream](std::decay_t<F> fn, std::decay_t<Args>... as) {
          detail::adopt_stream(stream);
          run_body([&] { std::invoke(std::move(fn), std::move(as)...); });
        },
        std::forward<F>(f), std::forward<Args>(args)...);
    detail::noise();
  }
  thread(thread&&) noexcept = default;
  thread& operator=(thread&&) noexcept = default;

  bool joinable() const noexcept { return t_.joinable(); }
  id get_id() const noexcept { return t_.get_id(); }
  native_handle_type native_handle() { return t_.native_handle(); }
  static unsigned hardware_concurrency() noexcept { return std::thread::hardware_concurrency(); }
  void join() {
    detail::noisy([&] { t_.join(); });
  }
  void detach() { t_.detach(); }
  void swap(thread& other) noexcept { t_.swap(other.t_); }

 private:
  template <class Body>
  static void run_body(Body&& body) {
    try {
      body();
    } catch (...) {
      const auto handler = detail::on_thread_exception.load(std::memory_order_relaxed);
      if (handler == nullptr) throw;  // escapes the thread: std::terminate, as with std::thread
      handler(std::current_exception());
    }
  }

  std::thread t_;
};

}  // namespace weft::noisy

namespace weft {

struct noisy_std_sync {
  using mutex = noisy::mutex;
  using recursive_mutex = noisy::recursive_mutex;
  using shared_mutex = noisy::shared_mutex;
  using condition_variable = noisy::condition_variable;
  using condition_variable_any = noisy::condition_variable_any;
  template <std::ptrdiff_t N>
  using counting_semaphore = noisy::counting_semaphore<N>;
  using binary_semaphore = noisy::counting_semaphore<1>;
  template <class T>
  using atomic = noisy::atomic<T>;
  template <class T>
  using var = noisy::var<T>;
  using thread = noisy::thread;
  struct this_thread {
    static void yield() {
      noisy::detail::noise();
      std::this_thread::yield();
    }
    template <class Rep, class Period>
    static void sleep_for(std::chrono::duration<Rep, Period> d) {
      noisy::detail::noisy([&] { std::this_thread::sleep_for(d); });
    }
  };
  static time_point now() { return clock::now(); }
  static void atomic_thread_fence(std::memory_order order) { std::atomic_thread_fence(order); }

  /// Sets the process-wide seed the noise derives from: every thread's stream
  /// restarts from it (threads created after this call, in creation order).
  static void seed(std::uint64_t s) noexcept {
    noisy::detail::process_seed.store(s, std::memory_order_relaxed);
    noisy::detail::next_stream.store(0, std::memory_order_relaxed);
    noisy::detail::seed_epoch.fetch_add(1, std::memory_order_relaxed);
  }
};

static_assert(sync_policy<noisy_std_sync>);

}  // namespace weft
