// weft/lincheck/history.hpp — the non-template half of <weft/lincheck.hpp>:
// a drawn program of operations, a recorded history, and how a history the
// search rejects becomes a `linearizability` finding.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "weft/detail/location.hpp"
#include "weft/lincheck/search.hpp"
#include "weft/result.hpp"

namespace weft::lincheck {

/// One drawn operation: which operation of the spec, its argument (type
/// erased; null for an operation without one) and how it reads ("push(3)").
struct call {
  std::size_t op = 0;
  std::shared_ptr<const void> arg;
  std::string text;
};

/// A parallel program: a sequential prefix on the main thread, then threads
/// running their calls in parallel, then a sequential suffix.
struct program {
  std::vector<call> prefix;
  std::vector<std::vector<call>> threads;
  std::vector<call> suffix;
  std::size_t size() const;
};

/// Where one call stands in a program.
struct call_position {
  enum part_t { prefix, thread, suffix } part = prefix;
  std::size_t thread_index = 0;  // for `thread`: which parallel thread (0-based)
  std::size_t index = 0;         // the call's index in its part
};

/// `p` without the call at `at`.
void erase(program& p, const call_position& at);

/// "prefix: push(1) | t1: push(2), pop() | t2: pop() | suffix: size()".
std::string describe(const program& p);

/// Smaller programs with the same calls rearranged, biggest steps first:
/// without one thread, without one call, two threads merged into one, a
/// thread's first call moved to the prefix or its last call to the suffix.
/// RapidCheck's own shrinks only cut lists at their ends and shrink values;
/// these reach e.g. `t1: push(0), pop() | t2: pop()` from three threads.
/// No result has fewer than `min_threads` threads or an empty thread.
std::vector<program> rearrangements(const program& p, std::size_t min_threads);

/// One operation as it ran: who, what, what it returned, when.
struct recorded_op {
  std::uint32_t thread = 0;  // 0: the main thread (prefix and suffix); 1..n: the parallel threads
  std::string call;          // "push(3)"
  std::string result;        // "ok", "3", "none"
  interval when;
};

/// "t1: push(3) -> ok" ("main: ..." on thread 0).
std::string describe(const recorded_op& op);

/// The finding for a history the search found not linearizable;
/// `model_result` is what the model returns for the stuck operation after
/// the longest prefix. A history of one thread is a sequential bug and says so.
finding not_linearizable(std::span<const recorded_op> history, const verdict& v, const std::string& model_result);

/// An inclusive range of counts a program is drawn with.
struct count_range {
  unsigned lo = 1, hi = 1;
  bool operator==(const count_range&) const = default;
};

/// The shape the command line imposes on the programs of every spec
/// (`weft run --threads LO-HI --ops-per-thread LO-HI`); nullopt: each
/// spec's own (`spec::threads`, `spec::ops_per_thread`).
struct program_shape {
  std::optional<count_range> threads, ops_per_thread;
};
/// Sets the process-wide shape (before programs are drawn: worker processes
/// inherit it). Throws std::invalid_argument for an empty range, or 0 threads
/// or operations, or more than 16 threads or 32 operations per thread.
void set_program_shape(const program_shape& shape);
const program_shape& current_program_shape();
/// "3" or "2-4" → the range; std::invalid_argument naming `what` otherwise.
count_range parse_count_range(const std::string& text, const std::string& what);

namespace detail {
/// Reports `f`, located at `where`: inside a checked execution it ends the
/// execution (never returns); on real threads (a stress run) it records `f`
/// for weft stress, as a failed WEFT_ASSERT is, and returns.
void fail_execution(finding f, const weft::detail::location& where);
}  // namespace detail

}  // namespace weft::lincheck
