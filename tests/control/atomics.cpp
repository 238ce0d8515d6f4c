// Control programs on atomics and plain data: message passing with
// release/acquire, double-checked initialisation, fetch_add counters,
// barriers (sense-reversing with yield, one-shot spinning on a value), many
// threads, per-thread state in locals, polling with sleeps.
#include <chrono>
#include <mutex>

#include "programs.hpp"

namespace control {
namespace {

using weft::finding_kind;
using namespace std::chrono_literals;

// --- message passing ------------------------------------------------------------------------------
template <std::memory_order Publish, std::memory_order Consume>
void message_passing() {
  weft::var<int> payload{0};
  weft::var<int> extra{0};
  weft::atomic<bool> ready{false};
  weft::thread producer([&] {
    payload = 42;
    extra = 7;
    ready.store(true, Publish);
  });
  weft::thread consumer([&] {
    while (!ready.load(Consume)) weft::this_thread::yield();
    WEFT_ASSERT(payload == 42 && extra == 7);
  });
  producer.join();
  consumer.join();
}

// --- double-checked initialisation -------------------------------------------------------------------
template <std::memory_order Publish, std::memory_order Check>
void double_checked_init() {
  weft::mutex m;
  weft::atomic<bool> initialised{false};
  weft::var<int> config{0};
  weft::atomic<int> inits{0};
  run_threads(3, [&](int) {
    if (!initialised.load(Check)) {
      std::lock_guard l(m);
      if (!initialised.load(std::memory_order_relaxed)) {
        config = 99;
        inits.fetch_add(1, std::memory_order_relaxed);
        initialised.store(true, Publish);
      }
    }
    WEFT_ASSERT(config == 99);
  });
  WEFT_ASSERT(inits.load() == 1);
}

// --- counters ------------------------------------------------------------------------------------------
/// Several counters, each bumped by every thread with a relaxed fetch_add.
template <bool FetchAdd>
void fetch_add_counters() {
  constexpr int threads = 3, per_thread = 2;
  weft::atomic<int> hits{0}, misses{0};
  run_threads(threads, [&](int t) {
    for (int k = 0; k < per_thread; ++k) {
      weft::atomic<int>& c = (t + k) % 2 == 0 ? hits : misses;
      if constexpr (FetchAdd) {
        c.fetch_add(1, std::memory_order_relaxed);
      } else {
        c.store(c.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);  // BUG: lost updates
      }
    }
  });
  WEFT_ASSERT(hits.load() + misses.load() == threads * per_thread);
}

// --- many threads ------------------------------------------------------------------------------------
constexpr int many = 64;
template <bool Atomic>
void many_threads_counter() {
  weft::atomic<int> n{0};
  run_threads(many, [&](int) {
    if constexpr (Atomic) {
      n.fetch_add(1);
    } else {
      n.store(n.load() + 1);  // BUG: lost updates
    }
  });
  WEFT_ASSERT(n.load() == many);
}
template <bool Locked>
void many_threads_mutex() {
  weft::mutex m;
  weft::var<int> total{0};
  run_threads(many, [&](int) {
    if constexpr (Locked) {
      std::lock_guard l(m);
      total = total + 1;
    } else {
      total = total + 1;  // BUG: unprotected
    }
  });
  WEFT_ASSERT(total == many);
}

// --- per-thread state in locals -----------------------------------------------------------------------
/// Each thread sums in a local and writes its own slot; the main thread
/// reads every slot after joining. With `share`, each also writes its
/// neighbour's slot (BUG).
template <bool Share>
void per_thread_locals() {
  constexpr int threads = 4;
  std::vector<weft::var<int>> slots(threads);
  weft::mutex m;
  weft::var<int> total{0};
  run_threads(threads, [&](int t) {
    int local = 0;
    for (int k = 0; k <= t; ++k) local += k;
    slots[t] = local;
    if constexpr (Share) slots[(t + 1) % threads] = local;
    std::lock_guard l(m);
    total = total + local;
  });
  WEFT_ASSERT(total == 0 + 1 + 3 + 6);
}

// --- barriers ---------------------------------------------------------------------------------------------
/// Sense-reversing barrier; threads write their slot, pass the barrier,
/// read a neighbour's slot, twice.
class sense_barrier {
 public:
  sense_barrier(int n, std::memory_order release, std::memory_order acquire)
      : n_(n), count_(n), release_(release), acquire_(acquire) {}
  void arrive_and_wait(bool& local_sense) {
    local_sense = !local_sense;
    if (count_.fetch_sub(1, std::memory_order_acq_rel) == 1) {
      count_.store(n_, std::memory_order_relaxed);
      sense_.store(local_sense, release_);
    } else {
      while (sense_.load(acquire_) != local_sense) weft::this_thread::yield();
    }
  }

 private:
  int n_;
  weft::atomic<int> count_;
  weft::atomic<bool> sense_{false};
  std::memory_order release_, acquire_;
};
template <std::memory_order Release, std::memory_order Acquire>
void sense_reversing_barrier() {
  constexpr int threads = 3;
  sense_barrier barrier(threads, Release, Acquire);
  std::vector<weft::var<int>> slots(threads);
  run_threads(threads, [&](int t) {
    bool sense = false;
    for (int round = 1; round <= 2; ++round) {
      slots[t] = round * 10 + t;
      barrier.arrive_and_wait(sense);
      WEFT_ASSERT(slots[(t + 1) % threads] == round * 10 + (t + 1) % threads);
      barrier.arrive_and_wait(sense);
    }
  });
}
/// A one-shot barrier that spins on the arrival count without yielding.
/// With `expected` one too many, nobody ever leaves (BUG: a livelock).
template <int Expected>
void spin_barrier_no_yield() {
  constexpr int threads = 3;
  weft::atomic<int> arrived{0};
  run_threads(threads, [&](int) {
    arrived.fetch_add(1, std::memory_order_acq_rel);
    while (arrived.load(std::memory_order_acquire) < Expected) {
    }
  });
}

// --- polling with sleeps ------------------------------------------------------------------------------------
template <bool Set>
void sleep_polling() {
  weft::atomic<bool> done{false};
  weft::var<int> result{0};
  weft::thread worker([&] {
    weft::this_thread::sleep_for(5ms);
    result = 1;
    if (Set) done.store(true, std::memory_order_release);  // BUG when never set: polls forever
  });
  while (!done.load(std::memory_order_acquire)) weft::this_thread::sleep_for(1ms);
  WEFT_ASSERT(result == 1);
  worker.join();
}

constexpr auto relaxed = std::memory_order_relaxed;
constexpr auto acquire = std::memory_order_acquire;
constexpr auto release = std::memory_order_release;

}  // namespace

std::vector<program> atomic_programs() {
  const std::vector<finding_kind> race{finding_kind::data_race};
  return {
      {"message_passing_release_acquire", message_passing<release, acquire>, message_passing<relaxed, relaxed>, race},
      {"double_checked_init", double_checked_init<release, acquire>, double_checked_init<relaxed, relaxed>, race},
      {"fetch_add_counters", fetch_add_counters<true>, fetch_add_counters<false>, {finding_kind::assertion}},
      {"many_threads_atomic_counter", many_threads_counter<true>, many_threads_counter<false>, {finding_kind::assertion}},
      {"many_threads_mutex", many_threads_mutex<true>, many_threads_mutex<false>, race},
      {"per_thread_locals", per_thread_locals<false>, per_thread_locals<true>, race},
      {"sense_reversing_barrier", sense_reversing_barrier<release, acquire>, sense_reversing_barrier<relaxed, relaxed>, race},
      {"spin_barrier_without_yield", spin_barrier_no_yield<3>, spin_barrier_no_yield<4>, {finding_kind::livelock}},
      {"sleep_polling", sleep_polling<true>, sleep_polling<false>, {finding_kind::livelock}},
  };
}

}  // namespace control
