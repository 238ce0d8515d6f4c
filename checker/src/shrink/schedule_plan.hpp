// schedule_plan.hpp — a failing schedule in the form the shrinker edits.
//
// A decision list says which thread runs at every choice, so dropping one
// entry shifts every later one onto the wrong choice. A plan says the same
// run in a form that survives dropping a preemption: each preemption is
// anchored to the thread it interrupts and how far that thread had got
// ("at thread 2's 5th scheduling point, run thread 1 instead"), and a thread
// that could go on otherwise does. The other choices — who runs when the
// running thread blocked, finished or gave way, and the data choices — are
// taken in their order.
#pragma once

#include <cstdint>
#include <map>
#include <utility>
#include <vector>

#include "../sched/replay.hpp"
#include "../sched/strategy.hpp"
#include "weft/detail/runtime.hpp"

namespace weft::detail {

struct preemption_anchor {
  std::uint32_t thread = 0;  // the thread that could have gone on
  std::uint32_t steps = 0;   // its scheduling points so far (thread_info::steps)
  std::uint32_t target = 0;  // the thread run instead
  bool operator==(const preemption_anchor&) const = default;
};

struct schedule_plan {
  std::vector<preemption_anchor> preemptions;
  std::vector<std::uint32_t> successors;  // choices the running thread could not go on at, in order
  std::vector<std::uint64_t> values;      // data choices, in order
};

/// Follows a decision list as replay_strategy does and writes down its plan.
class plan_recorder final : public strategy {
 public:
  explicit plan_recorder(std::vector<std::uint64_t> decisions) : replay_(std::move(decisions)) {}
  bool begin_execution(std::uint64_t) override { return true; }
  std::uint32_t pick_thread(std::span<const std::uint32_t> enabled, std::uint32_t current,
                            std::span<const thread_info> threads) override;
  std::uint64_t pick_value(std::uint64_t bound) override;
  const schedule_plan& plan() const { return plan_; }

 private:
  replay_strategy replay_;
  schedule_plan plan_;
};

/// Runs a plan. Past what the plan says, the running thread goes on when it
/// can, else the lowest enabled thread runs, and data choices answer 0: a
/// plan never adds a preemption of its own.
class plan_strategy final : public strategy {
 public:
  explicit plan_strategy(const schedule_plan& plan);
  bool begin_execution(std::uint64_t) override { return true; }
  std::uint32_t pick_thread(std::span<const std::uint32_t> enabled, std::uint32_t current,
                            std::span<const thread_info> threads) override;
  std::uint64_t pick_value(std::uint64_t bound) override;

 private:
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::uint32_t> anchors_;  // (thread, steps) -> target
  const std::vector<std::uint32_t>& successors_;
  const std::vector<std::uint64_t>& values_;
  std::size_t next_successor_ = 0, next_value_ = 0;
};

}  // namespace weft::detail
