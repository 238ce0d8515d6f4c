// Control programs that count on time: waits with a deadline, polling with
// sleeps, try_lock with back-off, timed semaphore acquires, a periodic
// worker. Each correct one must be clean — a poll that ends on real threads
// must not be a livelock — and each buggy twin is a bug that real threads
// show: a timeout is not a notify, and the thread that timed out may get the
// mutex back before the thread about to notify.
#include <chrono>
#include <mutex>

#include "programs.hpp"

namespace control {
namespace {

using weft::finding_kind;
using namespace std::chrono_literals;

// --- a wait with a deadline, falling back when nothing came -------------------------------------
/// The consumer waits for a value at most 50 ms. Correct: it loops until the
/// value is there or the deadline passed, and then looks. BUG: `if` instead
/// of `while`, and the wake-up taken as the value's arrival.
template <bool CheckAfterWaking>
void wait_with_deadline() {
  weft::mutex m;
  weft::condition_variable arrived;
  weft::var<bool> ready{false};
  weft::var<int> value{0};
  weft::thread producer([&] {
    {
      std::lock_guard l(m);
      value = 42;
      ready = true;
    }
    arrived.notify_one();
  });
  {
    std::unique_lock l(m);
    const auto deadline = weft::now() + 50ms;
    if constexpr (CheckAfterWaking) {
      while (!ready && arrived.wait_until(l, deadline) == std::cv_status::no_timeout) {
      }
      WEFT_ASSERT(!ready || value == 42);
    } else {
      if (!ready) arrived.wait_until(l, deadline);
      WEFT_ASSERT(value == 42, "woke without the value");
    }
  }
  producer.join();
}

// --- polling a status with sleeps ----------------------------------------------------------------------
/// The main thread polls a worker's status under the mutex, sleeping 1 ms
/// between looks. Correct: the worker publishes result and flag in one
/// critical section. BUG: the flag in one section, the result in the next.
template <bool OneSection>
void status_polling() {
  weft::mutex m;
  weft::var<bool> done{false};
  weft::var<int> result{0};
  weft::thread worker([&] {
    weft::this_thread::sleep_for(2ms);
    if constexpr (OneSection) {
      std::lock_guard l(m);
      result = 42;
      done = true;
    } else {
      {
        std::lock_guard l(m);
        done = true;
      }
      std::lock_guard l(m);
      result = 42;
    }
  });
  for (;;) {
    {
      std::lock_guard l(m);
      if (done) {
        WEFT_ASSERT(result == 42, "saw the flag before the result");
        break;
      }
    }
    weft::this_thread::sleep_for(1ms);
  }
  worker.join();
}

// --- two locks in opposite orders, try_lock with back-off ----------------------------------------------
/// Each thread takes its first lock, try_locks the second, and on failure
/// backs off with a sleep of its own length. Correct: it releases the first
/// lock before backing off. BUG: it keeps the first lock while it waits for
/// the second: when each holds one, neither ever gets the other.
template <bool ReleaseFirst>
void try_lock_backoff() {
  weft::mutex a, b;
  weft::var<int> both_held{0};
  run_threads(2, [&](int t) {
    weft::mutex& first = t == 0 ? a : b;
    weft::mutex& second = t == 0 ? b : a;
    const auto backoff = std::chrono::milliseconds(1 + t);
    first.lock();
    while (!second.try_lock()) {
      if constexpr (ReleaseFirst) first.unlock();
      weft::this_thread::sleep_for(backoff);
      if constexpr (ReleaseFirst) first.lock();
    }
    both_held = both_held + 1;
    second.unlock();
    first.unlock();
  });
  WEFT_ASSERT(both_held == 2);
}

// --- a timed acquire, retried ---------------------------------------------------------------------------
/// A consumer waits for an item on a semaphore, 5 ms at a time, counting its
/// idle polls; the producer makes the item after 12 ms. Correct: it retries
/// until it gets the item. BUG: one timed attempt, and the item assumed.
template <bool Retry>
void timed_acquire() {
  weft::counting_semaphore<1> items{0};
  weft::var<int> item{0};
  weft::thread producer([&] {
    weft::this_thread::sleep_for(12ms);
    item = 7;
    items.release();
  });
  int idle_polls = 0;
  if constexpr (Retry) {
    while (!items.try_acquire_for(5ms)) ++idle_polls;
  } else if (!items.try_acquire_for(5ms)) {
    ++idle_polls;
  }
  WEFT_ASSERT(item == 7, "took an item nobody made");
  producer.join();
  (void)idle_polls;
}

// --- a periodic worker that can be stopped ---------------------------------------------------------------
/// A worker ticks every 10 ms until asked to stop; stop wakes it at once.
/// Correct: the stop flag is set under the mutex. BUG: set without it — a
/// data race with the worker's check.
template <bool StopUnderLock>
void periodic_worker() {
  weft::mutex m;
  weft::condition_variable wake;
  weft::var<bool> stop{false};
  weft::var<int> ticks{0};
  weft::thread worker([&] {
    std::unique_lock l(m);
    while (!wake.wait_for(l, 10ms, [&] { return bool(stop); })) ticks = ticks + 1;
  });
  weft::this_thread::sleep_for(25ms);
  if constexpr (StopUnderLock) {
    std::lock_guard l(m);
    stop = true;
  } else {
    stop = true;
  }
  wake.notify_one();
  worker.join();
}

}  // namespace

std::vector<program> timing_programs() {
  return {
      {"cv_wait_with_deadline", wait_with_deadline<true>, wait_with_deadline<false>, {finding_kind::assertion}},
      {"status_polling_under_lock", status_polling<true>, status_polling<false>, {finding_kind::assertion}},
      {"try_lock_backoff_sleep", try_lock_backoff<true>, try_lock_backoff<false>, {finding_kind::livelock}},
      {"semaphore_timed_acquire", timed_acquire<true>, timed_acquire<false>, {finding_kind::assertion}},
      {"periodic_worker", periodic_worker<true>, periodic_worker<false>, {finding_kind::data_race}},
  };
}

}  // namespace control
