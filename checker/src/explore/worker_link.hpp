// worker_link.hpp — what a supervised worker process shares with its
// supervisor. A progress slot in shared memory, written with plain stores
// (no system call per execution): which execution runs, the run's counters,
// and the decisions of the running execution, so that when the worker dies
// the supervisor knows the execution and its schedule. A pipe carries JSON
// lines: findings and lock-order edges as they are found, then the end.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "../sched/strategy.hpp"
#include "weft/result.hpp"

namespace weft::detail {

struct lock_edge;

/// One worker's slot; `capacity` decisions follow it in the same mapping.
struct progress_slot {
  std::atomic<std::uint64_t> iteration{0};   // the execution running, while `running`
  std::atomic<std::uint64_t> started{0};     // executions started (the watchdog's heartbeat)
  std::atomic<std::uint32_t> running{0};
  std::atomic<std::uint64_t> decision_count{0};  // of the running execution (may exceed capacity)
  std::atomic<std::uint64_t> executions{0}, steps{0}, max_preemptions{0};
  std::atomic<std::uint32_t> max_threads{0};
  std::uint64_t capacity = 0;
  std::uint64_t* decisions() { return reinterpret_cast<std::uint64_t*>(this + 1); }
  /// The recorded decisions of the running execution, or nothing when they
  /// did not fit.
  std::vector<std::uint64_t> recorded();
};

/// Shared memory for `count` slots of `capacity` decisions each.
class progress_slots {
 public:
  progress_slots(unsigned count, std::uint64_t capacity);
  ~progress_slots();
  progress_slots(const progress_slots&) = delete;
  progress_slots& operator=(const progress_slots&) = delete;
  progress_slot& at(unsigned i);
  std::uint64_t& stop_below() { return *static_cast<std::uint64_t*>(base_); }

 private:
  void* base_ = nullptr;
  std::size_t bytes_ = 0, stride_ = 0;
};

/// A strategy that records every decision of another into a slot.
class recording_strategy final : public strategy {
 public:
  explicit recording_strategy(progress_slot& slot) : slot_(slot) {}
  void wrap(strategy& inner) { inner_ = &inner; }
  bool begin_execution(std::uint64_t iteration) override;
  std::uint32_t pick_thread(std::span<const std::uint32_t> enabled, std::uint32_t current,
                            std::span<const thread_info> threads) override;
  std::uint64_t pick_value(std::uint64_t bound) override;
  void on_spawn(std::uint32_t t) override { inner_->on_spawn(t); }
  void on_yield(std::uint32_t t) override { inner_->on_yield(t); }
  void on_livelock_suspected() override { inner_->on_livelock_suspected(); }
  void end_execution(std::uint64_t steps, std::span<const thread_info> threads) override {
    inner_->end_execution(steps, threads);
    pass_on_left_prefix();
  }
  bool exhausted() const override { return inner_->exhausted(); }
  int completed_bound() const override { return inner_->completed_bound(); }
  std::uint64_t diverged() const override { return inner_->diverged(); }
  std::string saved_state() const override { return inner_->saved_state(); }
  void restore_state(std::string_view state) override { inner_->restore_state(state); }

 private:
  // strategy::left_prefix is read from this wrapper: the inner one's, moved.
  void pass_on_left_prefix() {
    if (!inner_->left_prefix.empty()) left_prefix = std::exchange(inner_->left_prefix, {});
  }
  void record(std::uint64_t v) {
    const std::uint64_t n = count_++;
    if (n < slot_.capacity) slot_.decisions()[n] = v;
    slot_.decision_count.store(count_, std::memory_order_relaxed);
  }
  progress_slot& slot_;
  strategy* inner_ = nullptr;
  std::uint64_t count_ = 0;
};

/// The worker's side: its slot, its pipe, and where a restarted worker resumes.
struct worker_link {
  progress_slot* slot = nullptr;
  int fd = -1;
  std::uint64_t first = 0;               // iterations below are not reported (a restarted worker)
  std::vector<std::uint64_t> skip;       // iterations that killed a worker: not run again
  std::string search_state;              // weft exec: where a systematic search resumes ("" to begin)
  std::string profile;                   // weft exec: the warm-up's profile, as text ("" before it is known)
  std::size_t sent = 0;                  // findings of the result already sent
  std::size_t sent_suppressed = 0;       // suppressed findings already sent
  bool search_ended = false;             // a systematic search has nothing left (claimed or not)
  bool skipped(std::uint64_t i) const;
  /// After execution `iteration`: publishes counters, sends new findings and
  /// the lock-order edges it showed first (moved out of `edges`).
  void after_execution(const result& so_far, std::uint64_t iteration, std::vector<lock_edge>& edges);
  void send(const std::string& json_line) const;
  /// weft exec: a systematic search's state after this process's execution
  /// (strategy::saved_state), for the next process to resume.
  void send_search_state(const std::string& state) const;
  /// weft exec: the profile of this process's warm-up execution
  /// (execution_profile::to_text), for the supervisor to merge.
  void send_profile(const std::string& measured) const;
};

}  // namespace weft::detail
