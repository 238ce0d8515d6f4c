// weft/gate/run_gate.hpp — the whole gate in one call, for `weft gate`.
//
// Runs the benchmark program, compares the medians with the baseline (cut to
// the same filter) and, when something regressed, re-runs only the regressed
// benchmarks to confirm: a benchmark fails the gate only when both runs put it
// above the tolerance. A regression from a moment of load on a shared machine
// rarely survives the second run; a real one does.
#pragma once

#include <string>
#include <vector>

#include "weft/gate/baseline.hpp"
#include "weft/gate/compare.hpp"
#include "weft/gate/runner.hpp"

namespace weft::gate {

struct gate_outcome {
  std::vector<comparison> comparisons;  // after confirmation
  bench_run run;                        // the first run
  std::string warning;                  // load_warning of the first run, or ""
  bool passed = false;
};

/// A filter (POSIX extended regex) matching exactly these benchmark names.
std::string exact_filter(const std::vector<std::string>& names);

/// `first` with each regression kept only if `again` (a re-run) regressed too.
std::vector<comparison> confirm_regressions(std::vector<comparison> first, const std::vector<comparison>& again);

/// The gate: `base` cut to options.filter, one run, and up to `confirmations`
/// re-runs of whatever still regressed. Throws what run_benchmarks throws.
gate_outcome run_gate(const baseline& base, const bench_options& options, int confirmations = 1);

}  // namespace weft::gate
