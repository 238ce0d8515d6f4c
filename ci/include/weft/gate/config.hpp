// weft/gate/config.hpp — the gate configuration file (ci/gate.json).
//
// What `weft gate` runs and how it judges: the scenario patterns to check,
// the benchmark program and filter, repetitions and minimum time, the
// tolerance, and the baseline file. Every key is optional (the defaults
// below); an unknown key or a wrong type is an error.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "weft/gate/ratios.hpp"

namespace weft::gate {

struct gate_config {
  std::vector<std::string> scenarios{"*"};             // `weft run` patterns
  std::string benchmark_program = "weft-bench-models";  // name or path
  std::string benchmark_filter;                         // --benchmark_filter; empty: all
  int repetitions = 5;                                  // >= 1
  double min_time = 0.05;                               // seconds, > 0
  double tolerance = 0.5;                               // >= 0; overrides the baseline's
  std::filesystem::path baseline = "ci/baseline.json";  // relative to the config's source tree
  ratio_config ratios;                                  // "ratios": {"program", "counter", "pairs"}
};

/// Throws std::runtime_error with a one-line message naming the file and the
/// key on an unreadable file, invalid JSON, an unknown key, a wrong type or
/// an out-of-range value.
gate_config read_gate_config(const std::filesystem::path& file);

}  // namespace weft::gate
