// weft/scenarios/pipeline.hpp — the pipeline family's scenario template (shape
// of weft/scenario_shape.hpp): 004's AsyncPipeline with failing items.
#pragma once

#include <cstddef>

#include "weft/assert.hpp"
#include "weft/models/pipeline.hpp"

namespace weft::scenarios {

struct pipeline_params {
  std::size_t items = 20;
  std::size_t processors = 3;
  std::size_t buffer = 10;      // input and output queue size
  std::size_t error_every = 10; // item i fails when i % error_every == error_every - 1 (the seed: 10% at random)
};

/// 004 §16.5.1: the pipeline ends and accounts for every item (processed +
/// errors == produced, consumed == processed). Threads: 0 producer,
/// 1..processors the processors, then the consumer, then the error handler.
template <class Sync>
struct pipeline_error_accounting {
  using params = pipeline_params;
  explicit pipeline_error_accounting(const params& p) : p_(p), pipeline_(loop_, p.buffer, p.error_every) {}
  std::size_t thread_count() const { return p_.processors + 3; }
  void thread(std::size_t i) {
    if (i == 0) {
      pipeline_.producer(p_.items);
    } else if (i <= p_.processors) {
      pipeline_.processor();
    } else if (i == p_.processors + 1) {
      pipeline_.consumer(p_.items);
    } else {
      pipeline_.error_handler();
    }
  }
  void check() {
    const auto s = pipeline_.get_stats();
    WEFT_ASSERT(s.produced == p_.items);
    WEFT_ASSERT(s.processed + s.errors == s.produced, "an item was neither processed nor reported");
    WEFT_ASSERT(s.consumed == s.processed, "the consumer did not consume every output");
  }

 private:
  params p_;
  models::asyncio_loop<Sync> loop_;
  models::async_pipeline<Sync> pipeline_;
};

}  // namespace weft::scenarios
