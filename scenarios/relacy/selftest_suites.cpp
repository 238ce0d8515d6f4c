// selftest_suites.cpp — small programs over every relacy_sync primitive, with
// known verdicts, so the Relacy mapping of each is tested (tests/relacy).
// Listed by `weft-relacy --list-all` only: they are not weft scenarios.
// A Relacy translation unit: std and weft headers first, then suite.hpp.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <shared_mutex>
#include <vector>

#include "weft/assert.hpp"

#include "suite.hpp"

namespace weft::relacy_program {
namespace {

using namespace std::chrono_literals;
struct no_params {};

/// Thread 0 hands a value to thread 1 under a mutex and a condition variable.
template <class Sync>
struct condvar_handoff {
  using params = no_params;
  explicit condvar_handoff(const params&) {}
  std::size_t thread_count() const { return 2; }
  void thread(std::size_t i) {
    std::unique_lock lock(m_);
    if (i == 0) {
      data_.store(42);
      ready_.store(true);
      cv_.notify_one();
    } else {
      cv_.wait(lock, [&] { return ready_.load(); });
      WEFT_ASSERT(data_.load() == 42);
    }
  }
  void check() {}
  typename Sync::mutex m_;
  typename Sync::condition_variable cv_;
  typename Sync::template var<bool> ready_{false};
  typename Sync::template var<int> data_{0};
};

/// BUG: the waiter waits once, without a predicate; when the notify comes
/// first nobody wakes it (Relacy reports a deadlock).
template <class Sync>
struct condvar_lost_wakeup {
  using params = no_params;
  explicit condvar_lost_wakeup(const params&) {}
  std::size_t thread_count() const { return 2; }
  void thread(std::size_t i) {
    std::unique_lock lock(m_);
    if (i == 0) {
      cv_.notify_one();
    } else {
      cv_.wait(lock);
    }
  }
  void check() {}
  typename Sync::mutex m_;
  typename Sync::condition_variable cv_;
};

/// Readers under lock_shared, a writer under lock, a condition_variable_any
/// over the shared_mutex; data holds a std::deque (a var of a class type).
template <class Sync>
struct shared_mutex_readers {
  using params = no_params;
  explicit shared_mutex_readers(const params&) {}
  std::size_t thread_count() const { return 3; }
  void thread(std::size_t i) {
    if (i == 0) {
      std::unique_lock lock(m_);
      data_.write().push_back(7);
      cv_.notify_all();
    } else {
      std::shared_lock lock(m_);
      cv_.wait(lock, [&] { return !data_.read().empty(); });
      WEFT_ASSERT(data_.read().front() == 7);
    }
  }
  void check() { WEFT_ASSERT(data_.load().size() == 1); }
  typename Sync::shared_mutex m_;
  typename Sync::condition_variable_any cv_;
  typename Sync::template var<std::deque<int>> data_;
};

/// A semaphore orders a plain write before a plain read (no race).
template <class Sync>
struct semaphore_handoff {
  using params = no_params;
  explicit semaphore_handoff(const params&) {}
  std::size_t thread_count() const { return 2; }
  void thread(std::size_t i) {
    if (i == 0) {
      data_.store(5);
      sem_.release();
    } else {
      while (!sem_.try_acquire_for(1ms)) {
      }
      WEFT_ASSERT(data_.load() == 5);
    }
  }
  void check() {}
  typename Sync::template counting_semaphore<1> sem_{0};
  typename Sync::template var<int> data_{0};
};

/// BUG: a binary semaphore released twice (misuse).
template <class Sync>
struct semaphore_over_release {
  using params = no_params;
  explicit semaphore_over_release(const params&) {}
  std::size_t thread_count() const { return 2; }  // thread 1 idles: Relacy's headers warn on 1 thread
  void thread(std::size_t i) {
    if (i != 0) return;
    sem_.release();
    sem_.release();
  }
  void check() {}
  typename Sync::template counting_semaphore<1> sem_{0};
};

/// BUG: a plain mutex locked twice by one thread (misuse); the recursive
/// mutex beside it is fine.
template <class Sync>
struct mutex_relock {
  using params = no_params;
  explicit mutex_relock(const params&) {}
  std::size_t thread_count() const { return 2; }  // thread 1 idles
  void thread(std::size_t i) {
    if (i != 0) return;
    {
      std::lock_guard outer(recursive_);
      std::lock_guard inner(recursive_);
    }
    std::lock_guard outer(plain_);
    std::lock_guard inner(plain_);
  }
  void check() {}
  typename Sync::recursive_mutex recursive_;
  typename Sync::mutex plain_;
};

/// Thread 0 starts two threads of its own (Relacy's dynamic threads).
template <class Sync>
struct spawned_threads {
  using params = no_params;
  explicit spawned_threads(const params&) {}
  std::size_t thread_count() const { return 1; }
  void thread(std::size_t) {
    std::vector<typename Sync::thread> threads;
    for (int k = 0; k < 2; ++k) threads.emplace_back([this] { count_.fetch_add(1); });
    for (auto& t : threads) t.join();
  }
  void check() { WEFT_ASSERT(count_.load() == 2); }
  typename Sync::template atomic<int> count_{0};
};

/// Logical time: sleep_for moves now() on, a timed wait that times out moves
/// it to its deadline.
template <class Sync>
struct logical_time {
  using params = no_params;
  explicit logical_time(const params&) {}
  std::size_t thread_count() const { return 2; }  // thread 1 idles
  void thread(std::size_t i) {
    if (i != 0) return;
    const auto start = Sync::now();
    Sync::this_thread::sleep_for(10ms);
    WEFT_ASSERT(Sync::now() - start >= 10ms);
    Sync::this_thread::yield();
    std::unique_lock lock(m_);
    while (cv_.wait_for(lock, 5ms) == std::cv_status::no_timeout) {
    }
    WEFT_ASSERT(Sync::now() - start >= 15ms);
  }
  void check() {}
  typename Sync::mutex m_;
  typename Sync::condition_variable cv_;
};

constexpr no_params none{};

template <template <class> class Scenario, rl::thread_id_t Threads, rl::thread_id_t Dynamic = 0>
entry selftest(const char* name) {
  entry e = suite_entry<Scenario, none, Threads, Dynamic>(name);
  e.selftest = true;
  return e;
}

}  // namespace

void add_selftest_suites(std::vector<entry>& out) {
  out.push_back(selftest<condvar_handoff, 2>("selftest/condvar_handoff"));
  out.push_back(selftest<condvar_lost_wakeup, 2>("selftest/condvar_lost_wakeup"));
  out.push_back(selftest<shared_mutex_readers, 3>("selftest/shared_mutex_readers"));
  out.push_back(selftest<semaphore_handoff, 2>("selftest/semaphore_handoff"));
  out.push_back(selftest<semaphore_over_release, 2>("selftest/semaphore_over_release"));
  out.push_back(selftest<mutex_relock, 2>("selftest/mutex_relock"));
  out.push_back(selftest<spawned_threads, 1, 2>("selftest/spawned_threads"));
  out.push_back(selftest<logical_time, 2>("selftest/logical_time"));
}

}  // namespace weft::relacy_program
