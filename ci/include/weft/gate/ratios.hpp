// weft/gate/ratios.hpp — the gate's second rule: a ratio of two benchmarks of one run.
//
// Some speeds only mean something against a reference measured in the same
// process run: weft's executions per second against Relacy's on the same
// workload (bench/engine_bench.cpp). Machine noise moves both alike and
// cancels in their ratio, so the ratio can be gated where the absolute
// numbers, on a shared machine, could not. Rule (docs/gate.md): per pair,
// current = median over the repetitions of the numerator's counter / the same
// of the denominator's; the pair regressed when current < recorded / (1 +
// tolerance). The counter is a rate (higher is better). A benchmark missing
// from the run, failed, or without the counter fails its pair.
#pragma once

#include <string>
#include <vector>

#include "weft/gate/bench_json.hpp"
#include "weft/gate/runner.hpp"

namespace weft::gate {

/// numerator / denominator of one counter, as recorded in ci/gate.json.
struct ratio_pair {
  std::string numerator;    // a benchmark's run_name, e.g. "BM_weft_mutex_increment/8"
  std::string denominator;  // e.g. "BM_relacy_mutex_increment/8"
  double recorded = 0;      // the ratio when last recorded, > 0
};

/// ci/gate.json "ratios": which program, which counter, which pairs.
struct ratio_config {
  std::string program = "weft-bench-engine";   // name or path, like benchmark_program
  std::string counter = "executions_per_s";    // a rate: higher is better
  std::vector<ratio_pair> pairs;               // empty: no ratio is gated
};

struct ratio_check {
  std::string name;      // "numerator / denominator"
  double recorded = 0;
  double current = 0;    // 0 when it could not be computed
  bool regressed = false;
  std::string reason;    // one line, for people
};

/// One check per pair, in the configuration's order.
std::vector<ratio_check> compare_ratios(const ratio_config& config, const bench_run& run, double tolerance);

/// True when no check regressed.
bool ratios_passed(const std::vector<ratio_check>& checks);

struct ratio_outcome {
  std::vector<ratio_check> checks;  // after confirmation
  bench_run run;                    // the first run
  bool passed = false;
};

/// Runs options.program on exactly the pairs' benchmarks (options.filter is
/// replaced), compares, and re-runs up to `confirmations` times the pairs
/// that regressed: a pair fails only when every run put it below the limit.
/// Throws what run_benchmarks throws.
ratio_outcome run_ratio_gate(const ratio_config& config, const bench_options& options, double tolerance,
                             int confirmations = 1);

/// A fixed-width table, one line per check, and a summary line.
std::string format_ratio_checks(const std::vector<ratio_check>& checks);

}  // namespace weft::gate
