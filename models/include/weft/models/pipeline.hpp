// weft/models/pipeline.hpp — 004's AsyncPipeline: a producer, processors, a
// consumer and an error handler joined by asyncio queues. Coroutines are
// threads taking turns on an asyncio_loop.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>

#include "weft/models/asyncio_loop.hpp"

namespace weft::models {

/// BUG (004 §16.5.1 "生产者-消费者模式的完整实现", AsyncPipeline): a processor
/// that fails on an item sends it to the error queue, never to the output
/// queue, yet the consumer waits for one output per produced item
/// (`consumer(num_items)`): with any error it waits forever. The seed fails
/// 10% of items at random; here item i fails when i % error_every ==
/// error_every - 1 (0: none fail). Random sleeps become their midpoints.
/// The seed also awaits the stages one after another (gather(producers) before
/// the processors start), which stalls the producer once the input queue is
/// full; here every stage runs concurrently, isolating the accounting bug.
template <class Sync>
class async_pipeline {
 public:
  struct stats {
    std::size_t produced = 0;
    std::size_t processed = 0;
    std::size_t errors = 0;
    std::size_t consumed = 0;
  };

  async_pipeline(asyncio_loop<Sync>& loop, std::size_t buffer_size = 10, std::size_t error_every = 10)
      : loop_(loop), input_(buffer_size), output_(buffer_size), error_every_(error_every) {}

  void producer(std::size_t count) {
    auto turn = loop_.enter();
    for (std::size_t i = 0; i < count; ++i) {
      input_.put(turn, static_cast<long>(i));
      stats_.write().produced += 1;
      asyncio_loop<Sync>::sleep(turn, std::chrono::milliseconds(30));
    }
    input_.put(turn, std::nullopt);
  }
  void processor() {
    auto turn = loop_.enter();
    for (;;) {
      const std::optional<long> item = input_.get(turn);
      if (!item) {
        input_.put(turn, std::nullopt);
        break;
      }
      if (fails(*item)) {
        errors_.put(turn, *item);  // the error path: no output for this item
        stats_.write().errors += 1;
      } else {
        output_.put(turn, *item);
        stats_.write().processed += 1;
      }
      input_.task_done(turn);
      asyncio_loop<Sync>::sleep(turn, std::chrono::milliseconds(50));
    }
  }
  void consumer(std::size_t count) {
    auto turn = loop_.enter();
    std::size_t consumed = 0;
    while (consumed < count) {  // BUG: counts on every item producing an output
      (void)output_.get(turn);
      output_.task_done(turn);
      consumed += 1;
      stats_.write().consumed = consumed;
    }
  }
  void error_handler() {
    auto turn = loop_.enter();
    for (;;) {
      if (!errors_.get_for(turn, std::chrono::milliseconds(500))) break;  // TimeoutError
    }
  }
  /// Only after every stage returned.
  stats get_stats() const { return stats_.load(); }

 private:
  bool fails(long item) const {
    return error_every_ != 0 && static_cast<std::size_t>(item) % error_every_ == error_every_ - 1;
  }

  asyncio_loop<Sync>& loop_;
  asyncio_queue<Sync, std::optional<long>> input_;
  asyncio_queue<Sync, long> output_;
  asyncio_queue<Sync, long> errors_;
  const std::size_t error_every_;
  typename Sync::template var<stats> stats_;
};

}  // namespace weft::models
