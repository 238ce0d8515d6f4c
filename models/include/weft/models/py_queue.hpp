// weft/models/py_queue.hpp — Python's queue.Queue on a Sync policy: the one
// queue every zoo model uses (the producer/consumer models of
// bounded_buffer.hpp, the thread-safe list's operation and reply queues).
//
// CPython's design (Lib/queue.py) transcribed: one mutex, three condition
// variables over it (not_empty, not_full, all_tasks_done) and an
// unfinished-task count. put() blocks while the queue holds maxsize items
// (maxsize 0, the default: unbounded); get_for(timeout) returns nullopt where
// Python raises queue.Empty; task_done() returns false where Python raises
// ValueError. Time is the policy's clock (logical under the controlled
// scheduler).
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <utility>

namespace weft::models {

template <class Sync, class T>
class py_queue {
 public:
  explicit py_queue(std::size_t maxsize = 0) : maxsize_(maxsize) {}

  /// put(item): blocks while the queue is full.
  void put(T item) {
    std::unique_lock lock(mutex_);
    if (bounded()) {
      while (items_.read().size() >= maxsize_) not_full_.wait(lock);
    }
    items_.write().push_back(std::move(item));
    unfinished_.store(unfinished_.load() + 1);
    not_empty_.notify_one();
  }

  /// get(): blocks until an item is there.
  T get() {
    std::unique_lock lock(mutex_);
    while (items_.read().empty()) not_empty_.wait(lock);
    return take();
  }

  /// get(timeout=t): nullopt is queue.Empty.
  template <class Rep, class Period>
  std::optional<T> get_for(std::chrono::duration<Rep, Period> timeout) {
    const auto deadline = Sync::now() + timeout;
    std::unique_lock lock(mutex_);
    while (items_.read().empty()) {
      const auto remaining = deadline - Sync::now();
      if (remaining <= remaining.zero()) return std::nullopt;
      not_empty_.wait_for(lock, remaining);
    }
    return take();
  }

  /// task_done(): false where Python raises ValueError (called too many times).
  bool task_done() {
    std::lock_guard lock(mutex_);
    const std::size_t unfinished = unfinished_.load();
    if (unfinished == 0) return false;
    unfinished_.store(unfinished - 1);
    if (unfinished == 1) all_tasks_done_.notify_all();
    return true;
  }

  /// join(): blocks until every item put has been marked task_done().
  void join() {
    std::unique_lock lock(mutex_);
    while (unfinished_.load() > 0) all_tasks_done_.wait(lock);
  }

  std::size_t qsize() {
    std::lock_guard lock(mutex_);
    return items_.read().size();
  }

 private:
  bool bounded() const { return maxsize_ > 0; }

  T take() {  // mutex_ held, queue not empty
    T item = std::move(items_.write().front());
    items_.write().pop_front();
    // Nobody waits on not_full when the queue is unbounded; not notifying
    // spares the controlled scheduler a scheduling point per get.
    if (bounded()) not_full_.notify_one();
    return item;
  }

  const std::size_t maxsize_;
  typename Sync::mutex mutex_;
  typename Sync::condition_variable not_empty_;
  typename Sync::condition_variable not_full_;
  typename Sync::condition_variable all_tasks_done_;
  typename Sync::template var<std::deque<T>> items_;
  typename Sync::template var<std::size_t> unfinished_{0};
};

}  // namespace weft::models
