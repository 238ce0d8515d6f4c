// bench/counter_bench.cpp — baselines of the correct counters on weft::std_sync.
//
// Every thread performs ops_per_thread increments; the check is that none was
// lost. queue_serialized runs N producers plus its one worker thread, so
// "threads:N" counts the threads that increment, as for the other counters.
#include <cstddef>
#include <string>

#include "round.hpp"
#include "weft/models/counter.hpp"
#include "weft/std_sync.hpp"

namespace weft::bench {
namespace {

using models::atomic_counter;
using models::locked_counter;
using models::queue_serialized_counter;
using models::thread_local_sum_counter;

std::string check_count(long actual, std::size_t expected) {
  if (actual == static_cast<long>(expected)) return {};
  return "lost updates: counted " + std::to_string(actual) + ", expected " +
         std::to_string(expected);
}

/// locked_counter and atomic_counter: every thread calls increment().
template <template <class> class Counter>
struct shared_counter_round {
  using sync = std_sync;
  explicit shared_counter_round(std::size_t n) : threads(n) {}
  std::size_t thread_count() const { return threads; }
  void thread(std::size_t) {
    for (std::size_t k = 0; k < ops_per_thread; ++k) counter.increment();
  }
  std::string check() const { return check_count(counter.value(), operations()); }
  std::size_t operations() const { return threads * ops_per_thread; }

  std::size_t threads;
  mutable Counter<sync> counter;  // locked_counter::value() takes the lock
};

struct thread_local_sum_round {
  using sync = std_sync;
  // An increment costs about a cycle here: ten times the usual count keeps the
  // thread spawn (tens of µs) from being most of a round.
  static constexpr std::size_t ops = 10 * ops_per_thread;
  explicit thread_local_sum_round(std::size_t n) : threads(n), counter(n) {}
  std::size_t thread_count() const { return threads; }
  void thread(std::size_t i) {
    for (std::size_t k = 0; k < ops; ++k) {
      counter.increment(i);
      // The slot is a plain variable under std_sync: without this the compiler
      // folds the loop into one addition and the round measures only spawn/join.
      benchmark::ClobberMemory();
    }
  }
  std::string check() const { return check_count(counter.value(), operations()); }
  std::size_t operations() const { return threads * ops; }

  std::size_t threads;
  thread_local_sum_counter<sync> counter;
};

struct queue_serialized_round {
  using sync = std_sync;
  explicit queue_serialized_round(std::size_t n) : producers(n) {}
  std::size_t thread_count() const { return producers + 1; }  // + the worker
  void thread(std::size_t i) {
    if (i == producers) {
      counter.run_worker(producers);
      return;
    }
    for (std::size_t k = 0; k < ops_per_thread; ++k) counter.increment();
    counter.producer_done();
  }
  std::string check() const { return check_count(counter.value(), operations()); }
  std::size_t operations() const { return producers * ops_per_thread; }

  std::size_t producers;
  queue_serialized_counter<sync> counter;
};

[[maybe_unused]] const bool counter_registered = [] {
  register_round<shared_counter_round<locked_counter>>("counter/locked");
  register_round<shared_counter_round<atomic_counter>>("counter/atomic");
  register_round<thread_local_sum_round>("counter/thread_local_sum");
  register_round<queue_serialized_round>("counter/queue_serialized");
  return true;
}();

}  // namespace
}  // namespace weft::bench
