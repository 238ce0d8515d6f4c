// bench/bounded_buffer_bench.cpp — the correct bounded buffers on
// weft::std_sync, against each other on one producer/consumer workload.
//
//   bounded_buffer/two_conditions            condition_buffer: while-loop waits
//                                            on not_full/not_empty, notify_all
//                                            (004 §16.2.2)
//   bounded_buffer/two_conditions_notify_one the same with notify_one (002
//                                            L18497's buffer, with balanced counts)
//   bounded_buffer/semaphores                semaphore_buffer: empty/full
//                                            semaphores + a mutex
//   bounded_buffer/py_queue_maxsize          py_queue(maxsize = capacity):
//                                            Python's queue.Queue, three
//                                            condvars over one mutex, notify_one
//   bounded_buffer/py_queue_unbounded        py_queue(0): queue.Queue() without
//                                            a bound — the reference for what
//                                            the bound costs (capacity does not
//                                            apply to it)
//
// "threads:N" is N producers plus N consumers (2N threads). Each producer puts
// buffer_items items, each consumer gets as many; capacity is `capacity` for
// every buffer. An operation is one item passed through (one put and one get).
// Checks: every put left the buffer between 1 and capacity items (where the
// model reports the size), each consumer saw each producer's items in order,
// every item came out exactly once, and the buffer ends empty.
#include <algorithm>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "round.hpp"
#include "weft/models/bounded_buffer.hpp"
#include "weft/models/py_queue.hpp"
#include "weft/std_sync.hpp"

namespace weft::bench {
namespace {

using item = std::size_t;
using models::buffer_waiting;

/// The seed's capacity is 3 (004 §16.2.2). At 3 nearly every put or get waits
/// and is woken, a context switch per item (~5 µs: rounds of ~1 s at
/// threads:4, and a ranking of the buffers by their wakeup path alone); 16
/// still makes both sides wait regularly.
constexpr std::size_t capacity = 16;
/// Items per producer and round: a handoff through a condvar costs µs on 2 CPUs.
constexpr std::size_t buffer_items = 10'000;
/// Producer p's k-th item is p * item_stride + k.
constexpr item item_stride = 1'000'000;

/// One interface over the buffers: put() returns the size after the put, or 0
/// where the model does not report it; get() returns the item or nothing.
template <buffer_waiting Waiting>
struct condition_adapter {
  models::condition_buffer<std_sync, item, Waiting> buffer{capacity};
  std::size_t put(item x) { return buffer.put(x); }
  std::optional<item> get() { return buffer.get(); }
  std::size_t size() { return buffer.size(); }
};

struct semaphore_adapter {
  models::semaphore_buffer<std_sync, item> buffer{capacity};
  std::size_t put(item x) { return buffer.put(x); }
  std::optional<item> get() { return buffer.get(); }
  std::size_t size() { return buffer.size(); }
};

/// Python's queue.Queue: maxsize = capacity, or 0 (unbounded).
template <std::size_t Maxsize>
struct py_queue_adapter {
  models::py_queue<std_sync, item> queue{Maxsize};
  std::size_t put(item x) {
    queue.put(x);
    return 0;
  }
  std::optional<item> get() { return queue.get(); }
  std::size_t size() { return queue.qsize(); }
};

template <class Buffer>
struct producers_consumers_round {
  using sync = std_sync;
  explicit producers_consumers_round(std::size_t n) : pairs(n), taken(n) {}
  std::size_t thread_count() const { return 2 * pairs; }

  void thread(std::size_t i) {
    if (i < pairs) {
      std::size_t bad_size = 0;
      for (std::size_t k = 0; k < buffer_items; ++k) {
        const std::size_t size = buffer.put(i * item_stride + k);
        if (size > capacity) ++bad_size;  // 0: not reported
      }
      out_of_bounds.fetch_add(bad_size);
      return;
    }
    const std::size_t c = i - pairs;
    std::vector<item> mine;
    mine.reserve(buffer_items);
    std::vector<item> next(pairs, 0);  // per producer: the lowest sequence number still allowed
    std::size_t disorder = 0;
    while (mine.size() < buffer_items) {
      const std::optional<item> got = buffer.get();
      if (!got) {  // an empty pop (only a broken buffer returns one): count it, get again
        ++disorder;
        continue;
      }
      const std::size_t producer = *got / item_stride, seq = *got % item_stride;
      if (producer >= pairs || seq < next[producer]) {
        ++disorder;
      } else {
        next[producer] = seq + 1;
      }
      mine.push_back(*got);
    }
    out_of_order.fetch_add(disorder);
    taken[c] = std::move(mine);
  }

  std::string check() {
    std::vector<item> all;
    for (const auto& t : taken) all.insert(all.end(), t.begin(), t.end());
    std::sort(all.begin(), all.end());
    std::vector<item> expected;
    for (std::size_t p = 0; p < pairs; ++p) {
      for (std::size_t k = 0; k < buffer_items; ++k) expected.push_back(p * item_stride + k);
    }
    std::string why;
    if (all != expected) why += "items lost or duplicated (" + std::to_string(all.size()) + " taken); ";
    if (out_of_bounds.load() != 0) why += std::to_string(out_of_bounds.load()) + " puts above capacity; ";
    if (out_of_order.load() != 0) why += std::to_string(out_of_order.load()) + " gets empty or out of order; ";
    if (const std::size_t left = buffer.size(); left != 0) why += std::to_string(left) + " items left; ";
    return why;
  }
  std::size_t operations() const { return pairs * buffer_items; }

  std::size_t pairs;
  Buffer buffer;
  std::vector<std::vector<item>> taken;  // per consumer, written by that consumer only
  sync::atomic<std::size_t> out_of_bounds{0};
  sync::atomic<std::size_t> out_of_order{0};
};

[[maybe_unused]] const bool bounded_buffer_registered = [] {
  register_round<producers_consumers_round<condition_adapter<buffer_waiting::two_conditions_notify_all>>>(
      "bounded_buffer/two_conditions");
  register_round<producers_consumers_round<condition_adapter<buffer_waiting::two_conditions_notify_one>>>(
      "bounded_buffer/two_conditions_notify_one");
  register_round<producers_consumers_round<semaphore_adapter>>("bounded_buffer/semaphores");
  register_round<producers_consumers_round<py_queue_adapter<capacity>>>("bounded_buffer/py_queue_maxsize");
  register_round<producers_consumers_round<py_queue_adapter<0>>>("bounded_buffer/py_queue_unbounded");
  return true;
}();

}  // namespace
}  // namespace weft::bench
