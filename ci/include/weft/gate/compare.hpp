// weft/gate/compare.hpp — the gate's rule: is the current run slower than the baseline?
//
// Rule (docs/gate.md): for every benchmark, the median of the current run's
// repetitions is compared with the baseline median; ratio = current/baseline;
// the benchmark regressed when ratio > 1 + tolerance. A median of several
// repetitions ignores a minority of disturbed repetitions; the tolerance
// covers the run-to-run variation of that median measured on this machine.
// A baseline benchmark missing from the run, or one that reported an error,
// fails too; a benchmark not in the baseline is listed, never fails.
#pragma once

#include <string>
#include <vector>

#include "weft/gate/baseline.hpp"
#include "weft/gate/bench_json.hpp"

namespace weft::gate {

struct comparison {
  std::string name;
  double baseline_ns = 0;  // 0 when the benchmark is not in the baseline
  double current_ns = 0;   // median of the repetitions; 0 when missing
  double ratio = 0;        // current / baseline; 0 when either is missing
  bool regressed = false;
  std::string reason;      // one line, for people
};

/// The median of `values` (the mean of the middle two for an even count);
/// 0 for an empty vector.
double median(std::vector<double> values);

/// One comparison per baseline benchmark (in name order), then one per
/// benchmark of the run that the baseline lacks.
std::vector<comparison> compare(const baseline& base, const bench_run& run);

/// True when no comparison regressed.
bool passed(const std::vector<comparison>& comparisons);

/// A one-line warning when the machine was busy as the run started (1-minute
/// load average above 3/4 of the CPUs): wall-clock times are then unreliable.
/// Empty when the machine looked quiet or the run does not say.
std::string load_warning(const bench_run& run);

/// A fixed-width table, one line per comparison, and a summary line.
std::string format_comparisons(const std::vector<comparison>& comparisons);

}  // namespace weft::gate
