// weft/gate/noise.hpp — run-to-run noise of benchmark medians.
//
// Given several runs of the same benchmarks, each benchmark's median per run
// is taken; its noise is how far those medians spread. The gate's tolerance
// must sit above the largest worst_ratio - 1 seen, or a change-free run would fail.
#pragma once

#include <string>
#include <vector>

#include "weft/gate/bench_json.hpp"

namespace weft::gate {

struct noise_row {
  std::string name;
  std::vector<double> medians_ns;  // one per run that has the benchmark
  double median_ns = 0;            // median of those medians
  double cv = 0;                   // standard deviation / mean of the medians
  double worst_ratio = 0;          // slowest median / fastest median: what the gate
                                   // sees when the baseline came from the fastest run
                                   // and the current run is the slowest
};

/// One row per benchmark of the first run, in its order.
std::vector<noise_row> measure_noise(const std::vector<bench_run>& runs);

/// A table of the rows and a summary line (largest worst_ratio and cv).
std::string format_noise(const std::vector<noise_row>& rows);

}  // namespace weft::gate
