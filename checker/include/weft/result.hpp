// weft/result.hpp — the result model: findings, traces and run statistics.
//
// Every backend (controlled scheduler, ThreadSanitizer stress, Relacy) produces
// these values and every reporter (console, JSON, JUnit, SARIF, HTML) reads
// only these values. They are plain data: copyable, comparable, serialisable.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace weft {

/// What went wrong. The JSON spelling of each kind is part of the public
/// contract (see to_string / finding_kind_from_string).
enum class finding_kind : std::uint8_t {
  assertion,
  data_race,
  deadlock,
  lost_wakeup,
  lock_order_inversion,
  livelock,
  misuse,
  uncaught_exception,
  linearizability,
  crash,
  exit,  // the code under test ended the process (exit(), _exit(), quick_exit())
  hang,  // an execution ran past the supervisor's watchdog without finishing
  nondeterminism,
  stress_timeout,
  tsan_data_race,
  tsan_lock_order_inversion,
  tsan_other,
};

std::string_view to_string(finding_kind kind);
/// One sentence saying what the kind means, for reports.
std::string_view describe(finding_kind kind);
/// The kind spelled `text`, or nullopt when no kind is spelled so.
std::optional<finding_kind> finding_kind_from_string(std::string_view text);
/// Every kind, in declaration order.
const std::vector<finding_kind>& all_finding_kinds();

/// What exactly went wrong, for kinds that lump several bugs together (today
/// only misuse). Each sub-kind belongs to one kind and is spelled
/// "<kind>/<name>" ("misuse/relock"); the spelling is as stable as the kinds'
/// and is what the JSON report's "subkind", SARIF rule ids, --detect and
/// suppressions use. CI filters on the kind; a sub-kind tells the bugs apart.
enum class finding_subkind : std::uint8_t {
  none,                 // the kind says it all
  relock,               // "misuse/relock": a thread locks a non-recursive mutex it holds
  unlock_not_held,      // "misuse/unlock_not_held": unlock (or unlock_shared) of a mutex the thread does not hold
  destroy_held,         // "misuse/destroy_held": a mutex destroyed while locked
  held_at_end,          // "misuse/held_at_end": a thread ends holding a lock
  join_self,            // "misuse/join_self": a thread joins itself
  join_not_joinable,    // "misuse/join_not_joinable": join of a thread joined, detached or never started
  detach_not_joinable,  // "misuse/detach_not_joinable": detach of a thread joined, detached or never started
  destroy_joinable,     // "misuse/destroy_joinable": a weft::thread destroyed while joinable
  over_release,         // "misuse/over_release": a semaphore released beyond its maximum
  double_free,          // "misuse/double_free": a heap block freed again (weft exec)
  use_after_free,       // "misuse/use_after_free": a heap block read or written after its free (weft exec)
};

/// "misuse/relock"; empty for none.
std::string_view to_string(finding_subkind subkind);
/// The sub-kind spelled `text` ("misuse/relock"), or nullopt.
std::optional<finding_subkind> finding_subkind_from_string(std::string_view text);
/// The kind a sub-kind belongs to (none: assertion, meaningless).
finding_kind kind_of(finding_subkind subkind);
/// One sentence saying what the sub-kind means, for reports.
std::string_view describe(finding_subkind subkind);
/// Every sub-kind but none, in declaration order.
const std::vector<finding_subkind>& all_finding_subkinds();

/// Which part of weft found a finding. The JSON spelling of each value (the
/// finding's "engine" member, see to_string / finding_source_from_string) is
/// part of the report schema (docs/json-schema.md).
enum class finding_source : std::uint8_t {
  checked,  // "checked": the controlled scheduler and its detectors
  stress,   // "stress": the stress backend's own checks (assertions, crashes, time limit)
  tsan,     // "tsan": ThreadSanitizer's report in a stress run
  relacy,   // "relacy": a Relacy run (weft-relacy)
};

std::string_view to_string(finding_source source);
/// The source spelled `text`, or nullopt when none is spelled so.
std::optional<finding_source> finding_source_from_string(std::string_view text);

/// A place in the code under test.
struct source_location {
  std::string file;
  std::uint32_t line = 0;
  std::string function;
  bool operator==(const source_location&) const = default;
};

/// One visible operation of one logical thread, recorded when a failing
/// schedule is replayed.
struct trace_event {
  std::uint32_t thread = 0;
  std::uint64_t step = 0;
  std::string operation;  // "lock", "unlock", "load", "store", "wait", "notify_one", ...
  std::string object;     // "mutex#2", "var#1", "thread#3"
  std::string value;      // the value read or written, when there is one
  source_location location;
  // An atomic load that read a store other than the newest in modification
  // order (the C++ memory model, docs/guide.md): the trace step of the store
  // it read (-1: the newest, or a store older than the trace's start), and
  // how many newer stores to the same object existed then.
  std::int64_t read_from = -1;
  std::uint32_t newer_stores = 0;
  bool operator==(const trace_event&) const = default;
};

/// One operation of the history a `linearizability` finding is about
/// (weft/lincheck.hpp): who called what, what it returned, and when, on the
/// history's clock; the report draws these as a timeline.
struct history_operation {
  std::uint32_t thread = 0;   // 0: the main thread (prefix and suffix); 1..n: the parallel threads
  std::string call;           // "push(3)"
  std::string result;         // "ok", "3", "none"
  std::uint64_t invoked = 0;  // the clock at the invocation...
  std::uint64_t returned = 0; // ...and at the response (invoked < returned)
  // Position in the longest linearizable prefix the search found; -1: not in it.
  std::int32_t placed = -1;
  bool stuck = false;  // the operation that cannot be placed after that prefix
  bool operator==(const history_operation&) const = default;
};

/// One bug.
struct finding {
  finding_kind kind = finding_kind::assertion;
  finding_subkind subkind = finding_subkind::none;  // kind_of(subkind) == kind when not none
  std::string message;                  // one line
  finding_source source = finding_source::checked;
  std::vector<source_location> locations;  // the places involved, most relevant first
  std::string schedule;                 // encoded schedule that replays it (checked backend)
  // Preemptions in `schedule` (switches away from a thread that could go
  // on): after shrinking, what the finding needs (or needed at most, when
  // shrinking ran out of time).
  std::uint64_t preemptions = 0;
  // The schedule exploration found, when shrinking replaced it by a simpler
  // one (`schedule`); empty when the schedule was not shrunk.
  std::string original_schedule;
  std::uint64_t original_preemptions = 0;  // preemptions in original_schedule
  std::uint64_t iteration = 0;          // execution index within its run
  std::vector<std::string> details;     // wait-for cycle, blocked threads, racing accesses
  std::vector<trace_event> trace;       // the interleaving (full, from the replay)
  std::vector<std::uint64_t> highlight_steps;  // steps of `trace` the finding is about
  std::string history;                  // free-form backend output (Relacy's history)
  std::vector<history_operation> operations;  // a linearizability finding's history, structured
  bool operator==(const finding&) const = default;
};

/// The name a report shows for `f`'s kind: its sub-kind's spelling when it
/// has one ("misuse/relock"), else its kind's ("data_race").
std::string_view kind_name(const finding& f);

/// Statistics of one run of one scenario.
struct run_stats {
  std::uint64_t executions = 0;
  double seconds = 0;
  std::uint64_t steps = 0;          // scheduling points over all executions
  std::uint32_t max_threads = 0;
  std::uint64_t max_preemptions = 0;
  bool exhausted = false;           // a systematic search (dfs, ipb, idb) explored its whole space
  int completed_bound = -1;         // ipb/idb: the largest bound whose space was fully explored
  /// Systematic searches: executions that did not follow the schedule prefix
  /// they replayed, because the code under test behaves differently under
  /// the same schedule (it reads real time, addresses, or state left by an
  /// earlier execution). When any did, the search claims nothing: exhausted
  /// stays false and completed_bound -1.
  std::uint64_t diverged = 0;
  /// When diverged > 0: the first execution that did (1-based) and where
  /// it left its schedule: "thread 1, at its store (queue.cpp:42): decision 7
  /// recorded threads 0, 1 (...); now threads 0, 1, 2 (...)".
  std::uint64_t first_divergence_execution = 0;
  std::string first_divergence;
  double executions_per_second() const { return seconds > 0 ? double(executions) / seconds : 0; }
  bool operator==(const run_stats&) const = default;
};

/// What one run produced.
struct result {
  std::vector<finding> findings;
  /// Distinct findings a suppression rule matched (weft/suppressions.hpp):
  /// counted and kept here, not reported as bugs; each names its rule in its
  /// details and carries no trace.
  std::vector<finding> suppressed;
  run_stats stats;
  bool ok() const { return findings.empty(); }
  bool operator==(const result&) const = default;
};

}  // namespace weft
