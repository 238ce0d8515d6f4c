// weft/models/pool.hpp — concurrent.futures transcribed: a Future with done
// callbacks, a ThreadPoolExecutor whose workers are threads the caller runs
// (so a scenario keeps a fixed thread count), as_completed(), and 004's
// ManagedThreadPool on top.
//
// Seeds: 002 §3 (ThreadPoolExecutor, submit, as_completed, the `with` block
// and "cannot schedule new futures after shutdown"), 004 §16.2.5.
#pragma once

#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <utility>
#include <vector>

namespace weft::models {

/// concurrent.futures.Future: a result set once; callbacks added before that
/// run in the thread that sets it, callbacks added after run at once in the
/// thread that adds them. Exceptions thrown by a callback propagate (Python
/// would log and swallow them; C++ has no such convention).
template <class Sync, class T>
class future {
 public:
  using callback = std::function<void(future&)>;

  void set_result(T value) {
    std::vector<callback> callbacks;
    {
      std::lock_guard lock(mutex_);
      result_.store(std::move(value));
      done_.store(true);
      callbacks = std::move(callbacks_.write());
      callbacks_.write().clear();
      finished_.notify_all();
    }
    for (auto& fn : callbacks) fn(*this);
  }
  void add_done_callback(callback fn) {
    {
      std::lock_guard lock(mutex_);
      if (!done_.load()) {
        callbacks_.write().push_back(std::move(fn));
        return;
      }
    }
    fn(*this);
  }
  bool done() {
    std::lock_guard lock(mutex_);
    return done_.load();
  }
  T result() {
    std::unique_lock lock(mutex_);
    while (!done_.load()) finished_.wait(lock);
    return result_.load();
  }

 private:
  typename Sync::mutex mutex_;
  typename Sync::condition_variable finished_;
  typename Sync::template var<bool> done_{false};
  typename Sync::template var<T> result_{};
  typename Sync::template var<std::vector<callback>> callbacks_;
};

/// ThreadPoolExecutor(max_workers). The pool's workers are run by the caller:
/// each of `max_workers` threads calls worker_loop(). submit() after
/// shutdown() throws std::runtime_error, as Python raises RuntimeError.
template <class Sync, class T>
class executor {
 public:
  using future_ptr = std::shared_ptr<future<Sync, T>>;
  explicit executor(std::size_t max_workers) : max_workers_(max_workers) {}

  future_ptr submit(std::function<T()> fn) {
    std::lock_guard shutdown_lock(shutdown_mutex_);
    if (shutdown_.load()) throw std::runtime_error("cannot schedule new futures after shutdown");
    auto f = std::make_shared<future<Sync, T>>();
    put([f, fn = std::move(fn)] { f->set_result(fn()); });
    return f;
  }

  /// One worker thread: runs work items until the None sentinel after shutdown.
  void worker_loop() {
    for (;;) {
      std::function<void()> item = get();
      if (item) {
        item();
        continue;
      }
      if (is_shutdown()) {
        put({});  // wake the next worker
        break;
      }
    }
    std::lock_guard lock(queue_mutex_);
    exited_.store(exited_.load() + 1);
    worker_exited_.notify_all();
  }

  /// shutdown(wait): no new submissions; with wait, returns once every worker
  /// drained the queue and exited.
  void shutdown(bool wait = true) {
    {
      std::lock_guard shutdown_lock(shutdown_mutex_);
      shutdown_.store(true);
      put({});
    }
    if (!wait) return;
    std::unique_lock lock(queue_mutex_);
    while (exited_.load() < max_workers_) worker_exited_.wait(lock);
  }

 private:
  bool is_shutdown() {
    std::lock_guard shutdown_lock(shutdown_mutex_);
    return shutdown_.load();
  }
  void put(std::function<void()> item) {
    std::lock_guard lock(queue_mutex_);
    queue_.write().push_back(std::move(item));
    not_empty_.notify_one();
  }
  std::function<void()> get() {
    std::unique_lock lock(queue_mutex_);
    while (queue_.read().empty()) not_empty_.wait(lock);
    std::function<void()> item = std::move(queue_.write().front());
    queue_.write().pop_front();
    return item;
  }

  const std::size_t max_workers_;
  typename Sync::mutex shutdown_mutex_;
  typename Sync::template var<bool> shutdown_{false};
  typename Sync::mutex queue_mutex_;
  typename Sync::condition_variable not_empty_;
  typename Sync::condition_variable worker_exited_;
  typename Sync::template var<std::deque<std::function<void()>>> queue_;  // empty function: None
  typename Sync::template var<std::size_t> exited_{0};
};

/// as_completed(futures): calls `each(index)` for every future, in the order
/// they complete, returning when all did.
template <class Sync, class T, class Each>
void as_completed(const std::vector<std::shared_ptr<future<Sync, T>>>& futures, Each&& each) {
  struct waiter {
    typename Sync::mutex mutex;
    typename Sync::condition_variable finished;
    typename Sync::template var<std::deque<std::size_t>> done;
  };
  auto w = std::make_shared<waiter>();
  for (std::size_t i = 0; i < futures.size(); ++i) {
    futures[i]->add_done_callback([w, i](future<Sync, T>&) {
      std::lock_guard lock(w->mutex);
      w->done.write().push_back(i);
      w->finished.notify_one();
    });
  }
  for (std::size_t yielded = 0; yielded < futures.size(); ++yielded) {
    std::size_t index = 0;
    {
      std::unique_lock lock(w->mutex);
      while (w->done.read().empty()) w->finished.wait(lock);
      index = w->done.read().front();
      w->done.write().pop_front();
    }
    each(index);
  }
}

/// Correct (004 §16.2.5 ManagedThreadPool): submit() records the future under
/// a lock and adds a done callback that reads the result; shutdown() waits.
template <class Sync, class T>
class managed_thread_pool {
 public:
  using future_ptr = typename executor<Sync, T>::future_ptr;
  explicit managed_thread_pool(std::size_t max_workers) : executor_(max_workers) {}

  future_ptr submit(std::function<T()> fn) {
    future_ptr f = executor_.submit(std::move(fn));
    {
      std::lock_guard lock(mutex_);
      futures_.write().push_back(f);
    }
    f->add_done_callback([this](future<Sync, T>& done) { on_task_done(done); });
    return f;
  }
  void worker_loop() { executor_.worker_loop(); }
  void shutdown(bool wait = true) { executor_.shutdown(wait); }
  /// How many done callbacks ran (the seed logs "任务完成" in each).
  std::size_t callbacks_run() const { return callbacks_run_.load(); }

 private:
  void on_task_done(future<Sync, T>& f) {
    (void)f.result();
    callbacks_run_.fetch_add(1);
  }

  executor<Sync, T> executor_;
  typename Sync::mutex mutex_;
  typename Sync::template var<std::vector<future_ptr>> futures_;
  typename Sync::template atomic<std::size_t> callbacks_run_{0};
};

}  // namespace weft::models
