// bench/pool_bench.cpp — the correct thread pool model on weft::std_sync.
//
//   pool/thread_pool   managed_thread_pool (004 §16.2.5 ManagedThreadPool over
//                      the concurrent.futures executor of weft/models/pool.hpp):
//                      "threads:N" is a pool of N worker threads plus the main
//                      thread, which submits pool_tasks tasks, collects them
//                      with as_completed() and shuts the pool down with
//                      wait=True. A task only records that it ran and returns
//                      its index (the seed's task sleeps 1 s), so this measures
//                      the pool: future, queue, done callbacks and wakeups. An
//                      operation is one task. Check: every task ran exactly
//                      once, as_completed yielded every result once, every done
//                      callback ran.
#include <algorithm>
#include <cstddef>
#include <string>
#include <vector>

#include "round.hpp"
#include "weft/models/pool.hpp"
#include "weft/std_sync.hpp"

namespace weft::bench {
namespace {

/// Tasks per round: a task costs a few µs of pool machinery.
constexpr std::size_t pool_tasks = 20'000;

struct thread_pool_round {
  using sync = std_sync;
  using pool_t = models::managed_thread_pool<sync, long>;
  explicit thread_pool_round(std::size_t n) : workers(n), pool(n), runs(pool_tasks) {
    results.reserve(pool_tasks);
  }
  std::size_t thread_count() const { return workers + 1; }
  void thread(std::size_t i) {
    if (i < workers) {
      pool.worker_loop();
      return;
    }
    std::vector<pool_t::future_ptr> futures;
    futures.reserve(pool_tasks);
    for (std::size_t t = 0; t < pool_tasks; ++t) {
      futures.push_back(pool.submit([this, t] {
        runs[t].fetch_add(1, std::memory_order_relaxed);
        return static_cast<long>(t);
      }));
    }
    models::as_completed<sync>(futures, [&](std::size_t index) {
      if (!futures[index]->done()) ++unfinished_yields;
      results.push_back(futures[index]->result());
    });
    pool.shutdown(true);
  }
  std::string check() {
    for (std::size_t t = 0; t < pool_tasks; ++t) {
      if (runs[t].load() != 1) return "task " + std::to_string(t) + " ran " + std::to_string(runs[t].load()) + " times";
    }
    std::sort(results.begin(), results.end());
    for (std::size_t t = 0; t < pool_tasks; ++t) {
      if (results.size() != pool_tasks || results[t] != static_cast<long>(t)) {
        return "as_completed did not yield every result once";
      }
    }
    if (unfinished_yields != 0) return "as_completed yielded an unfinished future";
    if (pool.callbacks_run() != pool_tasks) {
      return std::to_string(pool.callbacks_run()) + " done callbacks ran, expected " + std::to_string(pool_tasks);
    }
    return {};
  }
  std::size_t operations() const { return pool_tasks; }

  std::size_t workers;
  pool_t pool;
  std::vector<sync::atomic<int>> runs;
  std::vector<long> results;  // the main thread's only
  std::size_t unfinished_yields = 0;  // the main thread's only
};

[[maybe_unused]] const bool pool_registered = [] {
  register_round<thread_pool_round>("pool/thread_pool");
  return true;
}();

}  // namespace
}  // namespace weft::bench
