// weft/scenarios/list.hpp — the list family's scenario template (shape of
// weft/scenario_shape.hpp): 002's queue-backed ThreadSafeList.
#pragma once

#include <cstddef>
#include <vector>

#include "weft/assert.hpp"
#include "weft/models/list.hpp"

namespace weft::scenarios {

struct list_params {
  std::size_t appenders = 3;
  std::size_t readers = 3;
  std::size_t appends = 10;  // per appender
  std::size_t reads = 5;     // get_all() per reader
};

/// 002 §5.2.04 (L6783): length() equals the number of items in the list.
/// Threads: appenders, then readers, then the processor. The last client to
/// finish reads the list and stops the processor (the seed's is a daemon).
template <class Sync>
struct list_size_counter {
  using params = list_params;
  explicit list_size_counter(const params& p) : p_(p) {}
  std::size_t thread_count() const { return p_.appenders + p_.readers + 1; }
  void thread(std::size_t i) {
    const std::size_t clients = p_.appenders + p_.readers;
    if (i == clients) {
      list_.process_operations();
      return;
    }
    if (i < p_.appenders) {
      for (std::size_t k = 0; k < p_.appends; ++k) list_.append(static_cast<long>(i * 1000 + k));
    } else {
      for (std::size_t k = 0; k < p_.reads; ++k)
        WEFT_ASSERT(list_.get_all().size() <= total(), "more items than were appended");
    }
    if (finished_.fetch_add(1) + 1 == clients) {
      final_size_.store(list_.get_all().size());
      list_.stop();
    }
  }
  void check() {
    WEFT_ASSERT(final_size_.load() == total(), "the processor lost an item");
    WEFT_ASSERT(list_.length() == static_cast<long>(final_size_.load()),
                "length() disagrees with the list: the size counter lost an update");
  }

 private:
  std::size_t total() const { return p_.appenders * p_.appends; }

  params p_;
  models::queue_backed_list<Sync> list_;
  typename Sync::template atomic<std::size_t> finished_{0};
  typename Sync::template atomic<std::size_t> final_size_{0};
};

}  // namespace weft::scenarios
