// bench/deadlock_bench.cpp — the correct lock orderings of the deadlock family
// on weft::std_sync (weft/models/deadlock.hpp).
//
//   deadlock/ordered               lock_set::nested(0, 1): every thread takes
//                                  lock 0 then lock 1 (one global order) and
//                                  updates both guarded counters; no hold time.
//                                  Check: no update lost (2 per operation).
//   deadlock/try_lock_backoff      lock_both_with_backoff: even threads take
//                                  a then b, odd threads b then a; the second
//                                  lock is try_lock'ed, and on failure the first
//                                  is released and the thread backs off and
//                                  retries. The seed backs off for milliseconds
//                                  (thread i starts at i+1 ms, doubling), which
//                                  on real time would measure sleeping: here the
//                                  back-off is 0 ms, i.e. release and retry at
//                                  once (sleep_for(0) returns immediately).
//                                  Counter attempts: lock attempts per critical
//                                  section (1.0 = never retried). Check: both
//                                  locks held exclusively, no update lost.
//   deadlock/philosophers_ordered  dining_table::dine_ordered: "threads:N" is N
//                                  philosophers around a table of N forks, each
//                                  taking its lower-numbered fork first
//                                  (threads:1 — one philosopher at a table of
//                                  two forks, as a table needs two). An operation
//                                  is a meal. Check: every philosopher ate every
//                                  meal.
#include <algorithm>
#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <string>

#include "round.hpp"
#include "weft/models/deadlock.hpp"
#include "weft/std_sync.hpp"

namespace weft::bench {
namespace {

struct ordered_round {
  using sync = std_sync;
  explicit ordered_round(std::size_t n) : threads(n) {}
  std::size_t thread_count() const { return threads; }
  void thread(std::size_t) {
    for (std::size_t k = 0; k < ops_per_thread; ++k) locks.nested(0, 1, std::chrono::milliseconds(0));
  }
  std::string check() const {
    const long total = locks.updates(0) + locks.updates(1);
    if (total == static_cast<long>(2 * operations())) return {};
    return "lost updates under the locks: " + std::to_string(total) + ", expected " +
           std::to_string(2 * operations());
  }
  std::size_t operations() const { return threads * ops_per_thread; }

  std::size_t threads;
  models::lock_set<sync> locks{2};
};

struct try_lock_backoff_round {
  using sync = std_sync;
  explicit try_lock_backoff_round(std::size_t n) : threads(n) {}
  std::size_t thread_count() const { return threads; }
  void thread(std::size_t i) {
    auto& first = i % 2 == 0 ? a : b;
    auto& second = i % 2 == 0 ? b : a;
    std::size_t my_attempts = 0, overlaps = 0;
    for (std::size_t k = 0; k < ops_per_thread; ++k) {
      my_attempts += models::lock_both_with_backoff<sync>(first, second, std::chrono::milliseconds(0));
      if (inside.fetch_add(1, std::memory_order_relaxed) != 0) ++overlaps;
      shared.store(shared.load() + 1);
      inside.fetch_sub(1, std::memory_order_relaxed);
      second.unlock();
      first.unlock();
    }
    attempts.fetch_add(my_attempts);
    overlapped.fetch_add(overlaps);
  }
  std::string check() const {
    if (shared.load() == static_cast<long>(operations()) && overlapped.load() == 0) return {};
    return "critical sections: " + std::to_string(shared.load()) + " counted, expected " +
           std::to_string(operations()) + "; " + std::to_string(overlapped.load()) + " overlapped";
  }
  std::size_t operations() const { return threads * ops_per_thread; }
  void add_counts(std::map<std::string, double>& counts) const {
    counts["attempts"] += static_cast<double>(attempts.load());
  }

  std::size_t threads;
  sync::mutex a;
  sync::mutex b;
  sync::var<long> shared{0};
  sync::atomic<int> inside{0};
  sync::atomic<std::size_t> attempts{0};
  sync::atomic<std::size_t> overlapped{0};
};

struct philosophers_ordered_round {
  using sync = std_sync;
  explicit philosophers_ordered_round(std::size_t n) : philosophers(n), table(std::max<std::size_t>(n, 2)) {}
  std::size_t thread_count() const { return philosophers; }
  void thread(std::size_t p) {
    for (std::size_t m = 0; m < ops_per_thread; ++m) table.dine_ordered(p);
  }
  std::string check() const {
    for (std::size_t p = 0; p < philosophers; ++p) {
      if (table.meals(p) != static_cast<long>(ops_per_thread)) {
        return "philosopher " + std::to_string(p) + " ate " + std::to_string(table.meals(p)) +
               " meals, expected " + std::to_string(ops_per_thread);
      }
    }
    return {};
  }
  std::size_t operations() const { return philosophers * ops_per_thread; }

  std::size_t philosophers;
  models::dining_table<sync> table;
};

[[maybe_unused]] const bool deadlock_registered = [] {
  register_round<ordered_round>("deadlock/ordered");
  register_round<try_lock_backoff_round>("deadlock/try_lock_backoff");
  register_round<philosophers_ordered_round>("deadlock/philosophers_ordered");
  return true;
}();

}  // namespace
}  // namespace weft::bench
