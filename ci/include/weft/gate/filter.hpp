// weft/gate/filter.hpp — Google Benchmark's --benchmark_filter, applied to names.
//
// The gate may run a subset of a suite (gate.json "benchmark_filter"); the
// baseline holds the whole suite. Before comparing, the baseline is cut down
// to the same subset, so that benchmarks the filter left out do not count as
// missing. Semantics follow Google Benchmark 1.7: empty, "all" or "." match
// everything; a leading '-' negates; otherwise a POSIX extended regular
// expression searched anywhere in the name.
#pragma once

#include <string>

#include "weft/gate/baseline.hpp"

namespace weft::gate {

/// Throws std::runtime_error (one line) on an invalid regular expression.
bool matches_benchmark_filter(const std::string& name, const std::string& filter);

/// `b` with only the benchmarks `filter` selects.
baseline select_benchmarks(const baseline& b, const std::string& filter);

/// `run` with only the samples `filter` selects (for judging a recorded run
/// of the whole suite as the gate would judge a filtered one).
bench_run select_samples(const bench_run& run, const std::string& filter);

}  // namespace weft::gate
