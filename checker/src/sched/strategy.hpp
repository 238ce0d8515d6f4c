// strategy.hpp — the policy side of the controlled scheduler.
//
// A strategy only chooses: which enabled logical thread runs next, and the
// answer to a data choice (a spurious wakeup, a weft::random value). The
// runtime (engine/) only runs threads and asks. New strategies are written
// against this interface alone.
#pragma once

#include <cstdint>
#include <memory>
#include <span>

#include "weft/check.hpp"

namespace weft::detail {

class strategy {
 public:
  virtual ~strategy() = default;
  /// Before execution `iteration` starts. Returns false when the strategy has
  /// nothing left to explore (bounded DFS exhausted its space).
  virtual bool begin_execution(std::uint64_t iteration) = 0;
  /// Picks one of `enabled` (at least two): the runnable threads in
  /// ascending id order, then those whose timed wait may expire, earliest
  /// deadline first (choosing one lets logical time pass), then condition
  /// waiters that may wake spuriously (when enabled). `current` is the thread that reached the
  /// scheduling point and could go on, or no_thread when it blocks.
  virtual std::uint32_t pick_thread(std::span<const std::uint32_t> enabled, std::uint32_t current) = 0;
  /// A value in [0, bound), bound >= 2.
  virtual std::uint64_t pick_value(std::uint64_t bound) = 0;
  /// A logical thread was spawned / yielded (PCT adjusts priorities).
  virtual void on_spawn(std::uint32_t /*thread*/) {}
  virtual void on_yield(std::uint32_t /*thread*/) {}
  /// After the execution, with the number of scheduling points it took.
  virtual void end_execution(std::uint64_t /*steps*/) {}
  /// DFS: whether the whole bounded space was explored.
  virtual bool exhausted() const { return false; }
};

std::unique_ptr<strategy> make_random_strategy(std::uint64_t seed);
/// PCT with bug depth `depth`; `expected_steps` is the execution length
/// measured by a warm-up (change points are drawn over it).
std::unique_ptr<strategy> make_pct_strategy(std::uint64_t seed, unsigned depth, std::uint64_t expected_steps);
std::unique_ptr<strategy> make_dfs_strategy(unsigned preemption_bound);
/// Interleaves random walk, PCT(2) and PCT(3) by iteration index.
std::unique_ptr<strategy> make_portfolio_strategy(std::uint64_t seed, std::uint64_t expected_steps);

}  // namespace weft::detail
