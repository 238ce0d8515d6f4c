// weft/models/bounded_buffer.hpp — producers and consumers: bounded buffers
// on condition variables and semaphores, and the seeds' queue.Queue patterns
// (task_done/join, get timeouts, sentinels, poison pills, late consumers).
//
// Seeds: 004 §16.2.2 "Condition(条件变量)" BoundedBuffer, 002 §5.2.03
// Condition (L6552) and the two-condition BoundedBuffer (L18497), 000 §2.3
// task queue, 001 综合示例3 and 003 §1.4 timeout consumers, 002 L9507
// sentinels, 004 §16.2.3 WorkerPool, 004 §16.4.3 asyncio.Queue.
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <utility>

#include "weft/models/py_queue.hpp"

namespace weft::models {

/// How a condition-variable bounded buffer waits and wakes.
enum class buffer_waiting {
  /// correct (row two_conditions; 004 §16.2.2 has the same with one
  /// Condition): while-loop waits on not_full/not_empty, notify_all.
  two_conditions_notify_all,
  /// correct (002 L18497): two Conditions over one Lock, notify() — each side
  /// only ever waits on its own condition, so waking one is enough.
  two_conditions_notify_one,
  /// BUG (002 §5.2.03, L6552): producers and consumers wait on ONE condition
  /// and each wakes one waiter with notify(). A producer's notify can wake
  /// another producer (or a consumer's a consumer); the woken thread goes
  /// back to sleep and the wakeup the other side needed is lost, until
  /// everybody waits.
  one_condition_notify_one,
  /// BUG (classic): `if (empty) wait` instead of `while`. After a notify_all
  /// (or a spurious wakeup, or another consumer stealing the item between the
  /// notify and the reacquisition) a consumer pops from an empty buffer and a
  /// producer appends to a full one.
  if_not_while,
};

/// A bounded FIFO buffer on a mutex and condition variable(s).
/// put() returns the size after appending (the seeds log it; above capacity
/// means the bound was broken). get() returns nullopt where the buffer was
/// empty at the pop (pop(0) on an empty list: IndexError in Python).
template <class Sync, class T, buffer_waiting Waiting>
class condition_buffer {
  static constexpr bool one_condition = Waiting == buffer_waiting::one_condition_notify_one;
  static constexpr bool loop = Waiting != buffer_waiting::if_not_while;
  static constexpr bool notify_all = Waiting == buffer_waiting::two_conditions_notify_all ||
                                     Waiting == buffer_waiting::if_not_while;

 public:
  explicit condition_buffer(std::size_t capacity) : capacity_(capacity) {}

  std::size_t put(T item) {
    std::unique_lock lock(mutex_);
    if constexpr (loop) {
      while (items_.read().size() >= capacity_) not_full().wait(lock);
    } else {
      if (items_.read().size() >= capacity_) not_full().wait(lock);  // BUG: if, not while
    }
    items_.write().push_back(std::move(item));
    const std::size_t size = items_.read().size();
    wake(not_empty());
    return size;
  }

  std::optional<T> get() {
    std::unique_lock lock(mutex_);
    if constexpr (loop) {
      while (items_.read().empty()) not_empty().wait(lock);
    } else {
      if (items_.read().empty()) not_empty().wait(lock);  // BUG: if, not while
    }
    if (items_.read().empty()) return std::nullopt;  // only reachable in the buggy variant
    T item = std::move(items_.write().front());
    items_.write().pop_front();
    wake(not_full());
    return item;
  }

  std::size_t size() {
    std::lock_guard lock(mutex_);
    return items_.read().size();
  }
  std::size_t capacity() const { return capacity_; }

 private:
  typename Sync::condition_variable& not_full() { return one_condition ? not_empty_ : not_full_; }
  typename Sync::condition_variable& not_empty() { return not_empty_; }
  static void wake(typename Sync::condition_variable& cv) {
    if constexpr (notify_all) {
      cv.notify_all();
    } else {
      cv.notify_one();
    }
  }

  const std::size_t capacity_;
  typename Sync::mutex mutex_;
  typename Sync::condition_variable not_empty_;  // the only condition when one_condition
  typename Sync::condition_variable not_full_;
  typename Sync::template var<std::deque<T>> items_;
};

/// Correct (classic): `empty` counts free slots, `full` counts items, a mutex
/// guards the deque.
template <class Sync, class T>
class semaphore_buffer {
 public:
  static constexpr std::ptrdiff_t max_capacity = 1024;
  explicit semaphore_buffer(std::size_t capacity)
      : capacity_(capacity), empty_(static_cast<std::ptrdiff_t>(capacity)), full_(0) {}

  std::size_t put(T item) {
    empty_.acquire();
    std::size_t size = 0;
    {
      std::lock_guard lock(mutex_);
      items_.write().push_back(std::move(item));
      size = items_.read().size();
    }
    full_.release();
    return size;
  }
  std::optional<T> get() {
    full_.acquire();
    std::optional<T> item;
    {
      std::lock_guard lock(mutex_);
      if (!items_.read().empty()) {
        item = std::move(items_.write().front());
        items_.write().pop_front();
      }
    }
    empty_.release();
    return item;
  }
  std::size_t size() {
    std::lock_guard lock(mutex_);
    return items_.read().size();
  }
  std::size_t capacity() const { return capacity_; }

 private:
  const std::size_t capacity_;
  typename Sync::template counting_semaphore<max_capacity> empty_;
  typename Sync::template counting_semaphore<max_capacity> full_;
  typename Sync::mutex mutex_;
  typename Sync::template var<std::deque<T>> items_;
};

/// BUG (000 §2.3 "任务队列处理"): workers drain a pre-filled task queue with
/// get(timeout=1) and call task_done() at the end of the try block; the
/// bare `except: break` that is meant for queue.Empty also catches an error
/// raised while processing a task, so that task is never marked done and
/// the main thread's task_queue.join() waits forever. A task fails here when
/// `fail_every > 0 && task % fail_every == 0` (the risky_task of §2.3 part 5).
template <class Sync>
class task_queue_drain {
 public:
  explicit task_queue_drain(std::size_t fail_every) : fail_every_(fail_every) {}

  /// The main thread, before the workers start: "添加任务到队列".
  void add_tasks(std::size_t count) {
    for (std::size_t i = 0; i < count; ++i) tasks_.put(i);
  }
  /// process_task_queue: returns how many tasks this worker completed.
  std::size_t process_task_queue(std::chrono::milliseconds get_timeout, std::chrono::milliseconds work) {
    std::size_t done = 0;
    while (true) {
      const std::optional<std::size_t> task = tasks_.get_for(get_timeout);
      if (!task) break;                                       // queue.Empty -> except: break
      Sync::this_thread::sleep_for(work);                     // "处理任务"
      if (fail_every_ > 0 && *task % fail_every_ == 0) break;  // BUG: the error path skips task_done
      results_.put(*task);
      tasks_.task_done();
      ++done;
    }
    return done;
  }
  /// The main thread: "等待所有任务完成".
  void join() { tasks_.join(); }
  std::size_t results() { return results_.qsize(); }

 private:
  const std::size_t fail_every_;
  py_queue<Sync, std::size_t> tasks_;
  py_queue<Sync, std::size_t> results_;
};

/// BUG (001 综合示例3; the same consumer in 003 §1.4): consumers take items
/// with q.get(timeout=1) and quit on queue.Empty, taking "nothing for a
/// second" to mean "the producers are done". A producer slower than the
/// timeout (or a consumer whose wait times out first) leaves items in the
/// queue that nobody consumes; in 003 §1.4 the final q.join() then hangs.
template <class Sync>
class timeout_consumers {
 public:
  /// producer(q, name): puts `items` items, sleeping `interval` after each.
  void producer(std::size_t id, std::size_t items, std::chrono::milliseconds interval) {
    for (std::size_t i = 0; i < items; ++i) {
      queue_.put(id * 1000 + i);
      Sync::this_thread::sleep_for(interval);
    }
  }
  /// consumer(q, name): returns how many items it consumed.
  std::size_t consumer(std::chrono::milliseconds timeout, std::chrono::milliseconds work) {
    std::size_t consumed = 0;
    while (true) {
      const std::optional<std::size_t> item = queue_.get_for(timeout);
      if (!item) break;  // except queue.Empty: break
      Sync::this_thread::sleep_for(work);
      queue_.task_done();
      ++consumed;
    }
    return consumed;
  }
  std::size_t left() { return queue_.qsize(); }

 private:
  py_queue<Sync, std::size_t> queue_;
};

/// How a sentinel consumer ended.
enum class consumer_exit { sentinel, timeout };

/// BUG (002 L9507, "进程间Queue通信"): each of 2 producers puts one (None,
/// None) sentinel when done, but 3 consumers each wait for one: the third
/// never gets a sentinel. With the seed's get(timeout=2) it ends through the
/// `except` branch ("获取队列超时") after a stall; with a blocking get
/// (timeout 0 here) it waits forever.
template <class Sync>
class sentinel_consumers {
 public:
  void producer(std::size_t id, std::size_t items) {
    for (std::size_t i = 0; i < items; ++i) queue_.put(id * 1000 + i);
    queue_.put(std::nullopt);  // "发送结束信号"
  }
  /// Returns how the consumer ended and counts its items into `consumed`.
  consumer_exit consumer(std::chrono::milliseconds timeout, std::size_t& consumed) {
    while (true) {
      std::optional<std::size_t> item;
      if (timeout.count() > 0) {
        std::optional<std::optional<std::size_t>> got = queue_.get_for(timeout);
        if (!got) return consumer_exit::timeout;  // except Exception: break
        item = *got;
      } else {
        item = queue_.get();
      }
      if (!item) return consumer_exit::sentinel;  // "收到结束信号"
      ++consumed;
    }
  }
  std::size_t left() { return queue_.qsize(); }

 private:
  py_queue<Sync, std::optional<std::size_t>> queue_;  // nullopt: the sentinel
};

/// BUG (004 §16.2.3 TaskQueue/WorkerPool): TaskQueue.get() turns
/// queue.Empty (after a 1 s timeout) into None, and _worker_loop treats None
/// as the shutdown signal. A worker that waits a second for work — because
/// the submitter is slow, or the timeout fires first — quits for good; once
/// all have quit, the submitted tasks are never done and wait_completion()
/// (queue.join()) never returns.
template <class Sync>
class worker_pool {
 public:
  explicit worker_pool(std::size_t maxsize = 100) : queue_(maxsize) {}

  /// _worker_loop: returns how many tasks this worker handled.
  std::size_t worker_loop(std::chrono::milliseconds get_timeout, std::chrono::milliseconds work) {
    std::size_t handled = 0;
    while (true) {
      std::optional<std::size_t> task = get(get_timeout);
      if (!task) break;  // BUG: Empty and the poison pill look the same
      Sync::this_thread::sleep_for(work);  // process_task
      handled_.fetch_add(1);
      ++handled;
      queue_.task_done();  // finally
    }
    return handled;
  }
  void submit(std::size_t task) {
    if (!shutdown_.load()) queue_.put(task);
  }
  void wait_completion() { queue_.join(); }
  void shutdown(std::size_t workers) {
    shutdown_.store(true);
    for (std::size_t i = 0; i < workers; ++i) queue_.put(std::nullopt);
  }
  long handled() const { return handled_.load(); }

 private:
  /// TaskQueue.get(timeout=1.0): the task, or None on queue.Empty.
  std::optional<std::size_t> get(std::chrono::milliseconds timeout) {
    std::optional<std::optional<std::size_t>> got = queue_.get_for(timeout);
    return got ? *got : std::nullopt;
  }

  py_queue<Sync, std::optional<std::size_t>> queue_;  // nullopt: None
  typename Sync::template atomic<bool> shutdown_{false};  // threading.Event
  typename Sync::template atomic<long> handled_{0};
};

/// BUG (004 §16.4.3 AsyncProducerConsumer.run): the consumer coroutines are
/// created but only awaited after `gather(*producers)` and `queue.join()`.
/// Nothing consumes while the producers run: they fill the bounded queue
/// (maxsize 5 < 2 x 5 items) and block, and join() could never return anyway.
/// Threads stand in for the coroutines: consumers wait on a start gate that
/// the main thread opens only after the producers finished and join() returned.
template <class Sync>
class late_consumers {
 public:
  static constexpr std::ptrdiff_t max_threads = 64;
  explicit late_consumers(std::size_t maxsize) : queue_(maxsize) {}

  void producer(std::size_t id, std::size_t count, std::chrono::milliseconds interval) {
    for (std::size_t i = 0; i < count; ++i) {
      queue_.put(id * 1000 + i);
      produced_.fetch_add(1);
      Sync::this_thread::sleep_for(interval);
    }
    producers_done_.release();
  }
  void consumer(std::size_t count, std::chrono::milliseconds interval) {
    consumers_go_.acquire();  // the coroutine starts only when awaited
    for (std::size_t i = 0; i < count; ++i) {
      queue_.get();
      consumed_.fetch_add(1);
      queue_.task_done();
      Sync::this_thread::sleep_for(interval);
    }
  }
  /// run(): await gather(*producers); await queue.join(); await gather(*consumers).
  void run(std::size_t producers, std::size_t consumers) {
    for (std::size_t i = 0; i < producers; ++i) producers_done_.acquire();
    queue_.join();
    for (std::size_t i = 0; i < consumers; ++i) consumers_go_.release();
  }
  long produced() const { return produced_.load(); }
  long consumed() const { return consumed_.load(); }

 private:
  py_queue<Sync, std::size_t> queue_;
  typename Sync::template counting_semaphore<max_threads> producers_done_{0};
  typename Sync::template counting_semaphore<max_threads> consumers_go_{0};
  typename Sync::template atomic<long> produced_{0};
  typename Sync::template atomic<long> consumed_{0};
};

}  // namespace weft::models
