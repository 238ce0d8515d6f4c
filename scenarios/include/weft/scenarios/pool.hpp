// weft/scenarios/pool.hpp — the pool family's scenario templates (shape of
// weft/scenario_shape.hpp): a managed thread pool, and 004's callback chain
// that submits while the pool shuts down.
#pragma once

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstddef>
#include <deque>
#include <memory>
#include <vector>

#include "weft/assert.hpp"
#include "weft/models/pool.hpp"

namespace weft::scenarios {

struct pool_params {
  std::size_t workers = 4;  // max_workers
  std::size_t tasks = 8;    // the seed's 8 URLs
  long task_ms = 1000;      // fetch_url sleeps 1 s
};

/// 004 §16.2.5 / 002 §3: each task runs exactly once, as_completed yields every
/// result once, every done callback runs, and shutdown(wait=True) drains.
/// Threads 0..workers-1 are the pool's workers, thread `workers` the main thread.
template <class Sync>
struct pool_thread_pool {
  using params = pool_params;
  explicit pool_thread_pool(const params& p) : p_(p), pool_(p.workers) {
    for (std::size_t t = 0; t < p.tasks; ++t) runs_.emplace_back(0);
  }
  std::size_t thread_count() const { return p_.workers + 1; }
  void thread(std::size_t i) {
    if (i < p_.workers) {
      pool_.worker_loop();
      return;
    }
    std::vector<typename models::managed_thread_pool<Sync, long>::future_ptr> futures;
    for (std::size_t t = 0; t < p_.tasks; ++t) {
      futures.push_back(pool_.submit([this, t] {
        runs_[t].fetch_add(1);
        Sync::this_thread::sleep_for(std::chrono::milliseconds(p_.task_ms));
        return static_cast<long>(t);
      }));
    }
    models::as_completed<Sync>(futures, [&](std::size_t index) {
      WEFT_ASSERT(futures[index]->done(), "as_completed yielded an unfinished future");
      results_.push_back(futures[index]->result());
    });
    pool_.shutdown(true);
  }
  void check() {
    for (auto& r : runs_) WEFT_ASSERT(r.load() == 1, "a task did not run exactly once");
    std::sort(results_.begin(), results_.end());
    WEFT_ASSERT(results_.size() == p_.tasks, "as_completed did not yield every task once");
    for (std::size_t t = 0; t < results_.size(); ++t)
      WEFT_ASSERT(results_[t] == static_cast<long>(t), "a result is missing or duplicated");
    WEFT_ASSERT(pool_.callbacks_run() == p_.tasks, "a done callback did not run exactly once");
  }

 private:
  params p_;
  models::managed_thread_pool<Sync, long> pool_;
  std::deque<typename Sync::template atomic<int>> runs_;
  std::vector<long> results_;  // the main thread's only
};

struct chain_params {
  std::size_t workers = 3;  // max_workers
  long fetch_ms = 1000;
  long parse_ms = 500;
  long store_ms = 300;
  long main_sleep_ms = 3000;  // the `with` block sleeps, then exits (shutdown(wait=True))
};

/// 004 §16.2.5 "Future回调链": fetch → parse → store, each stage submitted from
/// the previous one's done callback. The chain must complete; a callback
/// that runs after the `with` block began shutting down submits to a closed
/// pool (RuntimeError, here std::runtime_error escaping the worker).
template <class Sync>
struct pool_submit_after_shutdown {
  using params = chain_params;
  using future_t = models::future<Sync, long>;
  explicit pool_submit_after_shutdown(const params& p) : p_(p), executor_(p.workers) {}
  std::size_t thread_count() const { return p_.workers + 1; }
  void thread(std::size_t i) {
    if (i < p_.workers) {
      executor_.worker_loop();
      return;
    }
    auto fetched = executor_.submit([this] { return stage(p_.fetch_ms, 1); });
    fetched->add_done_callback([this](future_t& f) { on_fetch_done(f); });
    Sync::this_thread::sleep_for(std::chrono::milliseconds(p_.main_sleep_ms));
    executor_.shutdown(true);
  }
  void check() { WEFT_ASSERT(stored_.load() == 111, "the fetch-parse-store chain did not complete"); }

 private:
  long stage(long ms, long digit) {
    Sync::this_thread::sleep_for(std::chrono::milliseconds(ms));
    return digit;
  }
  void on_fetch_done(future_t& f) {
    const long raw = f.result();
    auto parsed = executor_.submit([this, raw] { return raw * 10 + stage(p_.parse_ms, 1); });
    parsed->add_done_callback([this](future_t& g) { on_parse_done(g); });
  }
  void on_parse_done(future_t& f) {
    const long parsed = f.result();
    auto stored = executor_.submit([this, parsed] { return parsed * 10 + stage(p_.store_ms, 1); });
    stored->add_done_callback([this](future_t& g) { stored_.store(g.result()); });
  }

  params p_;
  models::executor<Sync, long> executor_;
  typename Sync::template atomic<long> stored_{0};
};

}  // namespace weft::scenarios
