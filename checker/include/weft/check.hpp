// weft/check.hpp — running code under the controlled scheduler.
//
// weft::check runs a body (a callable that spawns weft::threads) many times,
// each time under a schedule chosen by a strategy, and returns the findings
// with a schedule string that weft::replay turns back into the same run.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "weft/detectors.hpp"
#include "weft/result.hpp"
#include "weft/suppressions.hpp"

namespace weft {

/// The scheduling strategies (docs/strategies.md compares them on a bug benchmark).
enum class strategy_kind : std::uint8_t { random, pct, dfs, portfolio, pos, surw, ipb, idb };
std::string_view to_string(strategy_kind s);
std::optional<strategy_kind> strategy_from_string(std::string_view text);

/// How weft::atomic values behave (docs/guide.md, "The memory model").
/// c11: the C++ memory model — a load may read an older store that
/// coherence, happens-before and the seq_cst order allow, a store may be
/// ordered before stores it cannot see, compare_exchange_weak may fail
/// spuriously; each is a choice of the strategy, recorded in the schedule.
/// sc: every atomic access is sequentially consistent (the newest value).
enum class memory_model : std::uint8_t { c11, sc };
std::string_view to_string(memory_model m);
std::optional<memory_model> memory_model_from_string(std::string_view text);

struct options {
  strategy_kind strategy = strategy_kind::portfolio;
  std::uint64_t iterations = 10'000;   // executions at most
  double time_budget_seconds = 0;      // wall-time budget; 0: none
  std::uint64_t seed = 1;              // execution i of seed s is reproducible alone
  unsigned jobs = 1;                   // executions in parallel (worker processes)
  bool keep_going = false;             // collect every distinct finding instead of stopping
  std::uint64_t max_steps = 1'000'000; // hard step ceiling per execution (a `livelock` finding)
  std::uint64_t futile_steps = 1'000;  // per unfinished thread: futile steps without progress before `livelock`
  unsigned pct_depth = 3;              // PCT bug depth d
  unsigned preemption_bound = 2;       // bounded DFS
  // A scheduling point whose operation conflicts with no other enabled
  // thread's pending operation is not a choice (fewer, shorter decisions;
  // may miss orders that need several steps of another thread first).
  bool skip_independent_points = false;
  bool spurious_wakeups = false;       // condition variables may wake spuriously
  weft::memory_model memory_model = weft::memory_model::c11;  // replay with the same model
  // c11: the stores each atomic keeps readable besides the newest (older
  // ones are forgotten: fewer weak outcomes, never a wrong one).
  unsigned store_history = 7;
  // weft exec: a volatile access of an instrumented program is a relaxed
  // atomic access, as Linux's READ_ONCE/WRITE_ONCE and the libraries built
  // on that idiom (Concurrency Kit, liburcu) use it (false); or a plain
  // access, a data race when unordered, as C++ and ThreadSanitizer judge it
  // (true). Replay with the same setting.
  bool volatile_plain = false;
  std::size_t stack_size = 256 * 1024; // per logical thread, plus a guard page
  detector_set detect;                 // the kinds reported (weft/detectors.hpp)
  suppressions suppress;               // findings counted in result::suppressed, not reported
  // Run executions in worker processes under a supervisor (the `weft` CLI
  // does): a crash, exit() or hang of the code under test becomes a `crash`,
  // `exit` or `hang` finding instead of ending the caller. Off for library
  // callers, whose bodies may capture state of the calling process.
  bool supervised = false;
  double watchdog_seconds = 10;        // supervised: an execution running longer is a `hang`
  // Wall time per finding for minimising its schedule by replay (fewest
  // preemptions, then fewest steps; the original stays in the finding).
  // 0: findings keep the schedule exploration found.
  double shrink_seconds = 2;
};

/// Explores schedules of `body` and returns what was found.
result check(const std::function<void()>& body, const options& opts = {});

/// Runs exactly one schedule (as printed in a finding) with full tracing.
/// A schedule that no longer leads where it did yields a `nondeterminism`
/// finding. Throws std::invalid_argument when `schedule` is malformed.
result replay(const std::function<void()>& body, std::string_view schedule,
              const options& opts = {});

}  // namespace weft
