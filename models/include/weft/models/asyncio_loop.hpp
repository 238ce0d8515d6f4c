// weft/models/asyncio_loop.hpp — asyncio's single-threaded event loop, for the
// models that transcribe asyncio code (limiter, actor, pipeline).
//
// Each coroutine of the tutorial becomes a thread. asyncio runs one coroutine
// at a time and switches only at an `await` that suspends, so the threads
// share one loop mutex: a coroutine holds it (its "turn") while it runs and
// gives it up only while it awaits a sleep, a queue or a lock. Code between
// two awaits is therefore atomic, exactly as under asyncio, and shared state
// touched only inside turns needs no other lock — but a read before an await
// and a write after it can interleave with other coroutines, as in asyncio.
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <utility>

namespace weft::models {

template <class Sync>
class asyncio_loop {
 public:
  /// A coroutine's turn on the loop: held while it runs, released while it awaits.
  using turn = std::unique_lock<typename Sync::mutex>;

  /// A coroutine starts (or resumes after a blocking call outside the loop).
  turn enter() { return turn(mutex_); }

  /// `await asyncio.sleep(d)`: gives the loop up for d of (logical) time.
  template <class Rep, class Period>
  static void sleep(turn& t, std::chrono::duration<Rep, Period> d) {
    t.unlock();
    Sync::this_thread::sleep_for(d);
    t.lock();
  }

 private:
  typename Sync::mutex mutex_;
};

/// asyncio.Queue(maxsize): put/get suspend (give the loop up) while full/empty.
template <class Sync, class T>
class asyncio_queue {
 public:
  using turn = typename asyncio_loop<Sync>::turn;
  explicit asyncio_queue(std::size_t maxsize = 0) : maxsize_(maxsize) {}

  void put(turn& t, T item) {
    while (maxsize_ != 0 && items_.read().size() >= maxsize_) not_full_.wait(t);
    items_.write().push_back(std::move(item));
    unfinished_.store(unfinished_.load() + 1);
    not_empty_.notify_one();
  }
  T get(turn& t) {
    while (items_.read().empty()) not_empty_.wait(t);
    return pop();
  }
  /// `await asyncio.wait_for(queue.get(), timeout)`: nullopt on TimeoutError.
  template <class Rep, class Period>
  std::optional<T> get_for(turn& t, std::chrono::duration<Rep, Period> timeout) {
    const auto deadline = Sync::now() + timeout;
    while (items_.read().empty()) {
      const auto left = deadline - Sync::now();
      if (left <= left.zero()) return std::nullopt;
      not_empty_.wait_for(t, left);
    }
    return pop();
  }
  void task_done(turn&) {
    unfinished_.store(unfinished_.load() - 1);
    if (unfinished_.load() == 0) all_done_.notify_all();
  }
  void join(turn& t) {
    while (unfinished_.load() != 0) all_done_.wait(t);
  }
  std::size_t qsize(turn&) const { return items_.read().size(); }

 private:
  T pop() {
    T item = std::move(items_.write().front());
    items_.write().pop_front();
    not_full_.notify_one();
    return item;
  }

  std::size_t maxsize_;
  typename Sync::condition_variable not_empty_;
  typename Sync::condition_variable not_full_;
  typename Sync::condition_variable all_done_;
  typename Sync::template var<std::deque<T>> items_;
  typename Sync::template var<std::size_t> unfinished_{0};
};

/// asyncio.Lock: held across awaits; waiting for it gives the loop up.
template <class Sync>
class asyncio_lock {
 public:
  using turn = typename asyncio_loop<Sync>::turn;
  void acquire(turn& t) {
    while (locked_.load()) released_.wait(t);
    locked_.store(true);
  }
  void release(turn&) {
    locked_.store(false);
    released_.notify_one();
  }

 private:
  typename Sync::condition_variable released_;
  typename Sync::template var<bool> locked_{false};
};

}  // namespace weft::models
