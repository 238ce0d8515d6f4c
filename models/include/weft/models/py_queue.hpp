// weft/models/py_queue.hpp — Python's queue.Queue (unbounded), transcribed on a
// Sync policy, for the models that use one as plumbing (the thread-safe list's
// operation queue and reply queues, the thread pool's work queue): put, get,
// get with a timeout (nullopt is queue.Empty), task_done and join.
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
  void put(T item) {
    std::lock_guard lock(mutex_);
    items_.write().push_back(std::move(item));
    unfinished_.store(unfinished_.load() + 1);
    not_empty_.notify_one();
  }
  T get() {
    std::unique_lock lock(mutex_);
    while (items_.read().empty()) not_empty_.wait(lock);
    return pop();
  }
  /// get(timeout=...): nullopt where Python raises queue.Empty.
  template <class Rep, class Period>
  std::optional<T> get_for(std::chrono::duration<Rep, Period> timeout) {
    const auto deadline = Sync::now() + timeout;
    std::unique_lock lock(mutex_);
    while (items_.read().empty()) {
      const auto left = deadline - Sync::now();
      if (left <= left.zero()) return std::nullopt;
      not_empty_.wait_for(lock, left);
    }
    return pop();
  }
  void task_done() {
    std::lock_guard lock(mutex_);
    unfinished_.store(unfinished_.load() - 1);
    if (unfinished_.load() == 0) all_done_.notify_all();
  }
  void join() {
    std::unique_lock lock(mutex_);
    while (unfinished_.load() != 0) all_done_.wait(lock);
  }

 private:
  T pop() {
    T item = std::move(items_.write().front());
    items_.write().pop_front();
    return item;
  }

  typename Sync::mutex mutex_;
  typename Sync::condition_variable not_empty_;
  typename Sync::condition_variable all_done_;
  typename Sync::template var<std::deque<T>> items_;
  typename Sync::template var<std::size_t> unfinished_{0};
};

}  // namespace weft::models
