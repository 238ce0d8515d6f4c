// weft/scenarios/bounded_buffer.hpp — the bounded_buffer family's scenario
// templates (shape of weft/scenario_shape.hpp): producers and consumers over
// bounded buffers and the seeds' queue.Queue patterns.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <utility>
#include <vector>

#include "weft/assert.hpp"
#include "weft/models/bounded_buffer.hpp"

namespace weft::scenarios {

/// Threads [0, producers) produce `items` each; the rest consume. With
/// consumer_items == 0 the consumers share the items out evenly (balanced);
/// otherwise each consumer takes consumer_items. 004 §16.2.2: 2 producers x
/// 5, 2 consumers, capacity 3.
struct buffer_params {
  std::size_t producers = 2;
  std::size_t items = 5;  // per producer
  std::size_t consumers = 2;
  std::size_t capacity = 3;
  std::size_t consumer_items = 0;  // 0: balanced
};

/// Producer p's k-th item is p * item_stride + k.
inline constexpr std::size_t item_stride = 1'000'000;

/// Properties: 0 <= size <= capacity after every operation, every get()
/// returns an item, each item consumed exactly once (nothing lost or
/// duplicated), and each consumer sees each producer's items in order.
template <class Sync, class Buffer>
struct producers_consumers {
  using params = buffer_params;
  explicit producers_consumers(const params& p)
      : p_(p), buffer_(p.capacity == 0 ? 1 : p.capacity), taken_(p.consumers) {}
  std::size_t thread_count() const { return p_.producers + p_.consumers; }

  void thread(std::size_t i) {
    if (i < p_.producers) {
      for (std::size_t k = 0; k < p_.items; ++k) {
        const std::size_t size = buffer_.put(i * item_stride + k);
        WEFT_ASSERT(size >= 1 && size <= buffer_.capacity(), "buffer size out of [0, capacity] after put");
      }
      return;
    }
    const std::size_t c = i - p_.producers;
    std::vector<std::size_t> mine;
    std::vector<std::size_t> last_seq(p_.producers, 0);
    std::vector<bool> seen(p_.producers, false);
    for (std::size_t k = 0; k < share(c); ++k) {
      const auto item = buffer_.get();
      WEFT_ASSERT(item.has_value(), "get() found the buffer empty (pop from an empty buffer)");
      if (!item) continue;
      const std::size_t producer = *item / item_stride, seq = *item % item_stride;
      WEFT_ASSERT(producer < p_.producers && seq < p_.items, "an item nobody produced");
      if (producer < p_.producers) {
        WEFT_ASSERT(!seen[producer] || seq > last_seq[producer], "a producer's items came out of order");
        seen[producer] = true;
        last_seq[producer] = seq;
      }
      mine.push_back(*item);
    }
    taken_[c].store(std::move(mine));
  }

  void check() {
    std::vector<std::size_t> all;
    for (const auto& t : taken_) {
      const auto& items = t.read();
      all.insert(all.end(), items.begin(), items.end());
    }
    std::sort(all.begin(), all.end());
    WEFT_ASSERT(std::adjacent_find(all.begin(), all.end()) == all.end(), "an item was consumed twice");
    const std::size_t expected = std::min(p_.producers * p_.items, total_demand());
    WEFT_ASSERT(all.size() == expected, "an item was lost");
    WEFT_ASSERT(buffer_.size() == p_.producers * p_.items - all.size(), "the buffer's size does not add up");
  }

 private:
  std::size_t share(std::size_t c) const {
    if (p_.consumer_items > 0) return p_.consumer_items;
    const std::size_t total = p_.producers * p_.items;
    return total / p_.consumers + (c < total % p_.consumers ? 1 : 0);
  }
  std::size_t total_demand() const {
    std::size_t sum = 0;
    for (std::size_t c = 0; c < p_.consumers; ++c) sum += share(c);
    return sum;
  }

  params p_;
  Buffer buffer_;
  std::vector<typename Sync::template var<std::vector<std::size_t>>> taken_;  // per consumer
};

template <class Sync, models::buffer_waiting W>
using condition_producers_consumers = producers_consumers<Sync, models::condition_buffer<Sync, std::size_t, W>>;

template <class Sync>
using bounded_buffer_two_conditions =
    condition_producers_consumers<Sync, models::buffer_waiting::two_conditions_notify_all>;
template <class Sync>
using bounded_buffer_one_condition_notify_one =
    condition_producers_consumers<Sync, models::buffer_waiting::one_condition_notify_one>;
template <class Sync>
using bounded_buffer_if_not_while = condition_producers_consumers<Sync, models::buffer_waiting::if_not_while>;
/// 002 L18497's buffer (two conditions, notify()), with the seed's counts.
template <class Sync>
using bounded_buffer_demand_exceeds_supply =
    condition_producers_consumers<Sync, models::buffer_waiting::two_conditions_notify_one>;
template <class Sync>
using bounded_buffer_semaphores = producers_consumers<Sync, models::semaphore_buffer<Sync, std::size_t>>;

/// 000 §2.3: 10 tasks, 3 workers, get(timeout=1), 0.5 s per task; every
/// third task (0, 3, 6, 9) raises while being processed. Thread 0 is the
/// main thread: it queues the tasks, starts the workers and joins the queue.
struct task_drain_params {
  std::size_t tasks = 10;
  std::size_t workers = 3;
  std::size_t fail_every = 3;  // 0: no task fails
  long get_timeout_ms = 1000;
  long work_ms = 500;
};

template <class Sync>
struct bounded_buffer_task_done_skipped {
  using params = task_drain_params;
  static constexpr std::ptrdiff_t max_workers = 64;
  explicit bounded_buffer_task_done_skipped(const params& p) : p_(p), drain_(p.fail_every) {}
  std::size_t thread_count() const { return 1 + p_.workers; }

  void thread(std::size_t i) {
    if (i == 0) {
      drain_.add_tasks(p_.tasks);
      for (std::size_t w = 0; w < p_.workers; ++w) start_.release();  // executor.submit(...)
      drain_.join();
      return;
    }
    start_.acquire();
    completed_.fetch_add(static_cast<long>(drain_.process_task_queue(std::chrono::milliseconds(p_.get_timeout_ms),
                                                                     std::chrono::milliseconds(p_.work_ms))));
  }
  void check() {
    WEFT_ASSERT(completed_.load() == static_cast<long>(p_.tasks), "not every task completed");
    WEFT_ASSERT(drain_.results() == p_.tasks, "not every task left a result");
  }

 private:
  params p_;
  models::task_queue_drain<Sync> drain_;
  typename Sync::template counting_semaphore<max_workers> start_{0};
  typename Sync::template atomic<long> completed_{0};
};

/// 001 综合示例3: 2 producers x 5 items, one every 0.1-0.5 s; 3 consumers
/// with get(timeout=1), 0.2-0.8 s per item (the upper bounds are the defaults).
struct timeout_consumer_params {
  std::size_t producers = 2;
  std::size_t items = 5;
  std::size_t consumers = 3;
  long produce_interval_ms = 500;
  long timeout_ms = 1000;
  long work_ms = 800;
};

template <class Sync>
struct bounded_buffer_timeout_consumer_exit {
  using params = timeout_consumer_params;
  explicit bounded_buffer_timeout_consumer_exit(const params& p) : p_(p) {}
  std::size_t thread_count() const { return p_.producers + p_.consumers; }

  void thread(std::size_t i) {
    if (i < p_.producers) {
      model_.producer(i, p_.items, std::chrono::milliseconds(p_.produce_interval_ms));
    } else {
      consumed_.fetch_add(static_cast<long>(
          model_.consumer(std::chrono::milliseconds(p_.timeout_ms), std::chrono::milliseconds(p_.work_ms))));
    }
  }
  void check() {
    WEFT_ASSERT(model_.left() == 0, "items left unconsumed: every consumer quit on a timeout");
    WEFT_ASSERT(consumed_.load() == static_cast<long>(p_.producers * p_.items), "items lost");
  }

 private:
  params p_;
  models::timeout_consumers<Sync> model_;
  typename Sync::template atomic<long> consumed_{0};
};

/// 002 L9507: 2 producers x 8 items, one sentinel each; 3 consumers.
/// timeout_ms 2000 is the seed's get(timeout=2); 0 is a blocking get().
struct sentinel_params {
  std::size_t producers = 2;
  std::size_t items = 8;
  std::size_t consumers = 3;
  long timeout_ms = 2000;
};

template <class Sync>
struct bounded_buffer_sentinel_shortfall {
  using params = sentinel_params;
  explicit bounded_buffer_sentinel_shortfall(const params& p) : p_(p) {}
  std::size_t thread_count() const { return p_.producers + p_.consumers; }

  void thread(std::size_t i) {
    if (i < p_.producers) {
      model_.producer(i, p_.items);
      return;
    }
    std::size_t consumed = 0;
    const auto how = model_.consumer(std::chrono::milliseconds(p_.timeout_ms), consumed);
    consumed_.fetch_add(static_cast<long>(consumed));
    WEFT_ASSERT(how == models::consumer_exit::sentinel, "a consumer never got its end-of-stream sentinel");
  }
  void check() {
    WEFT_ASSERT(consumed_.load() == static_cast<long>(p_.producers * p_.items), "items left unconsumed");
  }

 private:
  params p_;
  models::sentinel_consumers<Sync> model_;
  typename Sync::template atomic<long> consumed_{0};
};

/// 004 §16.2.3: WorkerPool(num_workers=3), 10 tasks submitted, 0.1-0.5 s each
/// (upper bound by default), TaskQueue.get(timeout=1.0). Thread 0 is the main
/// thread: submit, wait_completion, shutdown.
struct worker_pool_params {
  std::size_t workers = 3;
  std::size_t tasks = 10;
  long get_timeout_ms = 1000;
  long work_ms = 500;
};

template <class Sync>
struct bounded_buffer_none_as_poison_pill {
  using params = worker_pool_params;
  explicit bounded_buffer_none_as_poison_pill(const params& p) : p_(p) {}
  std::size_t thread_count() const { return 1 + p_.workers; }

  void thread(std::size_t i) {
    if (i == 0) {
      for (std::size_t t = 0; t < p_.tasks; ++t) pool_.submit(t);
      pool_.wait_completion();
      pool_.shutdown(p_.workers);
      return;
    }
    pool_.worker_loop(std::chrono::milliseconds(p_.get_timeout_ms), std::chrono::milliseconds(p_.work_ms));
  }
  void check() { WEFT_ASSERT(pool_.handled() == static_cast<long>(p_.tasks), "not every task was handled"); }

 private:
  params p_;
  models::worker_pool<Sync> pool_;
};

/// 004 §16.4.3: queue maxsize 5, 2 producers x 5 items (0.05-0.15 s apart),
/// 2 consumers taking 10 // 2 each (0.1-0.2 s apart). Thread 0 is run().
struct late_consumers_params {
  std::size_t producers = 2;
  std::size_t items = 5;
  std::size_t consumers = 2;
  std::size_t maxsize = 5;
  long produce_interval_ms = 150;
  long consume_interval_ms = 200;
};

template <class Sync>
struct bounded_buffer_consumers_started_late {
  using params = late_consumers_params;
  explicit bounded_buffer_consumers_started_late(const params& p) : p_(p), model_(p.maxsize) {}
  std::size_t thread_count() const { return 1 + p_.producers + p_.consumers; }

  void thread(std::size_t i) {
    if (i == 0) {
      model_.run(p_.producers, p_.consumers);
    } else if (i <= p_.producers) {
      model_.producer(i - 1, p_.items, std::chrono::milliseconds(p_.produce_interval_ms));
    } else {
      const std::size_t per_consumer = p_.producers * p_.items / (p_.consumers == 0 ? 1 : p_.consumers);
      model_.consumer(per_consumer, std::chrono::milliseconds(p_.consume_interval_ms));
    }
  }
  void check() { WEFT_ASSERT(model_.consumed() == model_.produced(), "produced and consumed differ"); }

 private:
  params p_;
  models::late_consumers<Sync> model_;
};

}  // namespace weft::scenarios
