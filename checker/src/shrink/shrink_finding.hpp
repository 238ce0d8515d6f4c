// shrink_finding.hpp — the schedule shrinker (shrink_schedule.hpp) applied
// to a finding of the controlled scheduler: candidates are executions of the
// finding's body, and a candidate reproduces when it ends in a finding of the
// same kind at the same places (a captured death: of the same kind, with the
// same message).
#pragma once

#include <functional>
#include <optional>

#include "../trace/schedule_codec.hpp"
#include "shrink_schedule.hpp"
#include "weft/check.hpp"

namespace weft::detail {

/// Whether a finding of kind `k` is the death of the process (crash, exit, hang).
inline bool is_death(finding_kind k) {
  return k == finding_kind::crash || k == finding_kind::exit || k == finding_kind::hang;
}

/// Whether `f`'s schedule `s` can be shrunk by running candidates in one
/// process: one execution, whose end shows the finding. Not a lock-order
/// inversion (a graph over several executions shows it), a nondeterminism
/// report, nor the death of a process (crash, exit, hang: every candidate
/// would need a process of its own and a hang the whole watchdog).
bool shrinkable(const finding& f, const schedule& s);
/// Whether `f`'s schedule `s` can be shrunk by running each candidate in a
/// process of its own that captures its death (weft exec: death_capture.hpp):
/// what shrinkable takes, and a crash or an exit of one execution too (not a
/// hang, whose every candidate would take the whole watchdog). A dying
/// candidate reproduces when its capture says what `f`'s did: the same kind
/// and message ("thread 0 was killed by signal 6 (SIGABRT: Aborted)"), and
/// for an abort the same call in the program.
bool shrinkable_in_children(const finding& f, const schedule& s);

struct shrunk_schedule {
  schedule shrunk;
  std::uint64_t preemptions = 0;
  std::uint64_t original_preemptions = 0;
  bool complete = false;  // the search ended before the time budget (the result is 1-minimal)
};

/// A schedule simpler than `s` that reproduces `f` (fewer preemptions, then
/// fewer steps), found within opts.shrink_seconds; nullopt when there is
/// none or `s` does not reproduce `f`. `improved` sees each simpler schedule
/// as it is found (a caller in another process keeps the last one if a
/// candidate kills the process).
std::optional<shrunk_schedule> shrink_finding(const std::function<void()>& body, const schedule& s,
                                              const options& opts, const finding& f,
                                              const std::function<void(const shrunk_schedule&)>& improved = {});

/// shrink_finding's search with the candidates run by `run` (weft exec runs
/// each in a process of its own). `s` must be shrinkable.
std::optional<shrunk_schedule> shrink_with(const schedule& s, const options& opts, const shrink_runner& run,
                                           const std::function<void(const shrunk_schedule&)>& improved = {});

struct execution_outcome;
/// What a candidate's execution says to the shrinker: whether it ended in
/// `f` (same kind, same places), and its decisions, preemptions and steps.
shrink_trial trial_of(const execution_outcome& o, const finding& f);

}  // namespace weft::detail
