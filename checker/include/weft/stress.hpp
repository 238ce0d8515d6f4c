// weft/stress.hpp — the stress leg: a scenario on real threads (noisy_std_sync),
// many times, in a forked child process watched by a watchdog; in a
// ThreadSanitizer build every TSan report becomes a finding.
#pragma once

#include <cstdint>

#include "weft/registry.hpp"
#include "weft/result.hpp"

namespace weft {

struct stress_options {
  std::uint64_t iterations = 200;  // executions of the scenario's stress body
  std::uint64_t seed = 1;          // noise seed; iteration i runs under a seed derived from (seed, i)
  /// Watchdog: the child is killed and a `stress_timeout` reported when one
  /// iteration runs longer than this (a deadlock or hang on real threads).
  double timeout_seconds = 20;
};

/// Runs scenario s's `stress` body (real threads with noisy_std_sync)
/// `iterations` times in a forked child process with a watchdog.
///
/// Findings (engine "stress", or "tsan" for ThreadSanitizer reports):
/// WEFT_ASSERT failures (`assertion`), exceptions escaping the body or a
/// noisy thread (`uncaught_exception`), the child killed by a signal or dying
/// early (`crash`), an iteration hanging past the timeout (`stress_timeout`),
/// and in a ThreadSanitizer build every TSan report (`tsan_data_race`,
/// `tsan_lock_order_inversion`, `tsan_other`) with its source locations, the
/// stacks in `details` and the tail of the child's stderr in `history`.
/// Equal findings of several iterations are reported once (the first
/// iteration), with the count in `details`. With TSAN_OPTIONS=halt_on_error=1
/// the child stops at its first TSan report; that report is still returned.
///
/// Call it while the calling process is single-threaded (ThreadSanitizer does
/// not support a child forked from a multi-threaded process).
/// Throws std::invalid_argument if s has no stress body.
result stress(const scenario& s, const stress_options& opts);

/// True when weft was compiled with -fsanitize=thread.
bool built_with_tsan() noexcept;

}  // namespace weft
