// weft/sync_policy.hpp — the Sync policy concept every model is written against.
//
// A model is written once, as a template on a Sync policy: a bundle of the
// primitives it uses (mutexes, condition variables, semaphores, atomics,
// plain shared variables, threads, yield/sleep and a clock). weft ships three
// policies: weft::std_sync (the real std types), weft::noisy_std_sync (std
// types with random yields injected, for stress runs under ThreadSanitizer),
// weft::checked_sync (the controlled scheduler) and weft::relacy_sync (Relacy).
#pragma once

#include <atomic>
#include <chrono>
#include <concepts>
#include <cstddef>
#include <functional>

namespace weft {

/// The clock of every Sync policy. Under the controlled scheduler it is
/// logical time (sleeping costs no wall time); elsewhere it is steady_clock.
using clock = std::chrono::steady_clock;
using time_point = clock::time_point;

template <class S>
concept sync_policy =
    requires(typename S::mutex& m, typename S::recursive_mutex& rm, typename S::shared_mutex& sm,
             typename S::condition_variable& cv, typename S::condition_variable_any& cva,
             typename S::template counting_semaphore<8>& sem, typename S::template atomic<int>& a,
             typename S::template var<int>& v, typename S::thread& t,
             std::chrono::milliseconds d) {
      // Mutexes, with the std names.
      m.lock();
      { m.try_lock() } -> std::convertible_to<bool>;
      m.unlock();
      rm.lock();
      rm.unlock();
      sm.lock();
      sm.unlock();
      sm.lock_shared();
      sm.unlock_shared();
      { sm.try_lock_shared() } -> std::convertible_to<bool>;
      // Condition variables wait on std::unique_lock over the policy's mutex.
      cv.notify_one();
      cv.notify_all();
      cva.notify_all();
      // Semaphores.
      sem.acquire();
      sem.release();
      { sem.try_acquire() } -> std::convertible_to<bool>;
      { sem.try_acquire_for(d) } -> std::convertible_to<bool>;
      // Atomics: the std::atomic interface.
      { a.load() } -> std::convertible_to<int>;
      a.store(1);
      { a.fetch_add(1) } -> std::convertible_to<int>;
      S::atomic_thread_fence(std::memory_order_seq_cst);
      // Plain shared variables whose accesses are checked for data races.
      { v.load() } -> std::convertible_to<int>;
      v.store(1);
      // Threads and time.
      t.join();
      S::this_thread::yield();
      S::this_thread::sleep_for(d);
      { S::now() } -> std::convertible_to<time_point>;
    } &&
    std::constructible_from<typename S::thread, std::function<void()>> &&
    std::default_initializable<typename S::mutex> &&
    std::default_initializable<typename S::template var<int>>;

}  // namespace weft
