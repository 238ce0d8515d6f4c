// shrink_schedule.hpp — minimising a failing schedule by replay.
//
// Given the decisions of one failing execution and a way to run the code
// under test under any strategy, finds a schedule that fails the same way
// with the fewest preemptions, then the fewest steps:
//  1. delta debugging (Zeller's ddmin) over the schedule's preemptions, kept
//     as a plan (schedule_plan.hpp) so that dropping one leaves the others
//     where they were;
//  2. ddmin over the raw decision list, replayed leniently (a decision that
//     does not fit is replaced by "the running thread goes on"), keeping a
//     candidate only when it is no worse in preemptions and steps;
// repeated while a round improves; then
//  3. iterative preemption bounding below the count reached (every schedule
//     with 0 preemptions, then 1, ...; at most a few thousand executions):
//     the first run that reproduces has the fewest preemptions there are.
// Deterministic (the same inputs try the
// same candidates in the same order) and bounded by a wall-time budget, at
// which it returns the best schedule found so far.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "../sched/strategy.hpp"

namespace weft::detail {

/// One run of the code under test under a strategy, as the shrinker sees it.
struct shrink_trial {
  bool reproduces = false;                 // the same finding as the one being shrunk
  std::vector<std::uint64_t> decisions;    // the decisions the run took (replay them strictly)
  std::uint64_t preemptions = 0;
  std::uint64_t steps = 0;
};

/// (preemptions, steps, decisions): the order "simpler" means.
bool simpler(const shrink_trial& a, const shrink_trial& b);

using shrink_runner = std::function<shrink_trial(strategy&)>;

struct shrink_outcome {
  shrink_trial original;  // the original decisions' own run
  shrink_trial best;      // the simplest reproducing run found (== original when none was simpler)
  std::uint64_t trials = 0;
  bool complete = false;  // the search ran to its end, not into the time budget
};

/// nullopt when the original decisions do not reproduce the finding (the
/// code under test is not deterministic). `improved`, when given, sees the
/// original's run first, then each simpler run as it is found (a caller in
/// another process keeps the last one if a candidate kills the process).
std::optional<shrink_outcome> shrink_schedule(const std::vector<std::uint64_t>& decisions, const shrink_runner& run,
                                              double seconds,
                                              const std::function<void(const shrink_trial&)>& improved = {});

}  // namespace weft::detail
