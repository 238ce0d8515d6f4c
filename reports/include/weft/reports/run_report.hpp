// weft/reports/run_report.hpp — the report model: what one `weft run` (or one
// shard of it, or a merge of shards) produced, as every reporter reads it.
//
// It wraps the engine's result model (weft/result.hpp) with what a report
// needs around it: the scenario's identity and expected verdict, the engine
// and strategy that ran it, run metadata and benchmark numbers. Plain data:
// copyable, comparable, and round-tripped exactly by the JSON reporter.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "weft/result.hpp"

namespace weft::reports {

/// One scenario's run: who it is, what was expected, what happened.
struct scenario_report {
  std::string name;      // "counter/unsafe"
  std::string family;    // "counter"
  std::string seed_ref;  // where the tutorials show the pattern
  std::string summary;   // one line: what the scenario does
  std::vector<finding_kind> expected;  // empty: expected clean
  std::string engine = "checked";      // "checked", "stress", "relacy"
  std::string strategy;                // "portfolio", "random", ... (checked engine)
  std::uint64_t seed = 0;
  result outcome;                      // findings + run_stats
  bool as_expected = true;
  /// Prefix of every replay command of this scenario, e.g.
  /// "weft replay counter/unsafe"; empty means "weft replay <name>". The
  /// schedule is appended, or put where the prefix says schedule_placeholder
  /// (weft/gtest.hpp passes it in an environment variable).
  std::string replay_command;

  bool expected_clean() const { return expected.empty(); }
  bool operator==(const scenario_report&) const = default;
};

/// One benchmark number, with its baseline when the gate has one.
struct benchmark_entry {
  std::string name;
  double value = 0;
  std::string unit;  // "ns", "ops/s", "executions/s"
  std::optional<double> baseline;
  std::optional<double> tolerance;  // allowed relative change, 0.1 = 10 %
  bool regressed = false;
  bool operator==(const benchmark_entry&) const = default;
};

/// A whole run (or a shard of it, or several shards merged).
struct run_report {
  int schema_version = 1;
  std::string weft_version;
  std::string command;     // the command line, for the record
  std::string started_at;  // ISO 8601 UTC, "2024-05-01T12:00:00Z"
  std::string host;
  std::string shard;       // "i/n", or empty for an unsharded run
  std::string shard_source;  // what decided the shard: "--shard", "Slurm array (...)", ...; empty when unsharded
  std::vector<scenario_report> scenarios;
  std::vector<benchmark_entry> benchmarks;
  double seconds = 0;      // wall time of the run

  /// Every scenario's verdict as expected and no benchmark regressed.
  bool all_as_expected() const;
  bool operator==(const run_report&) const = default;
};

/// The exact command that replays `f`: `<prefix> '<schedule>'`. Empty when
/// the finding has no schedule (ThreadSanitizer and Relacy findings).
std::string replay_command(const scenario_report& s, const finding& f);
/// The command that replays `schedule` (a finding's original_schedule, say) of scenario `s`.
std::string replay_command(const scenario_report& s, std::string_view schedule);
/// "needs 1 preemption (shrunk from 7 preemptions; as found: <replay command>)",
/// the line under a replay command; empty without a schedule.
std::string shrink_line(const scenario_report& s, const finding& f);
inline constexpr std::string_view schedule_placeholder = "{schedule}";

/// `word` as one shell word: unchanged when it has only characters no shell
/// treats specially, else in single quotes ("sct/A(1)" → "'sct/A(1)'").
std::string shell_word(std::string_view word);

/// "deadlock, lost_wakeup" — the expected kinds, or "clean".
std::string expected_text(const scenario_report& s);

/// Counts over a report, for summaries.
struct report_totals {
  std::size_t scenarios = 0, unexpected = 0, findings = 0, regressed = 0;
  std::size_t suppressed = 0;  // findings a suppression rule matched
  std::uint64_t executions = 0;
};
report_totals totals(const run_report& r);

/// Joins shard reports: scenarios concatenated and sorted by name (an
/// identical duplicate is kept once), benchmarks likewise; started_at the
/// earliest, seconds the longest shard, shard cleared. Throws
/// std::runtime_error (one line) on a scenario or benchmark that appears
/// twice with different contents, or on reports of different weft versions.
run_report merge(const std::vector<run_report>& shards);

}  // namespace weft::reports
