// weft/gate/runner.hpp — running a Google Benchmark program for the gate.
//
// Spawns the program (posix_spawn) with --benchmark_format=json,
// --benchmark_out=<out_json>, --benchmark_out_format=json,
// --benchmark_repetitions, --benchmark_min_time and, when set,
// --benchmark_filter; its stdout (the same JSON) goes to /dev/null, its
// stderr is inherited. Then reads the JSON it wrote.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "weft/gate/bench_json.hpp"

namespace weft::gate {

struct bench_options {
  std::filesystem::path program;
  int repetitions = 5;
  double min_time = 0.05;           // seconds per repetition (Google Benchmark 1.7: plain seconds)
  std::string filter;               // --benchmark_filter regex; empty: all
  std::filesystem::path out_json;   // empty: a temporary file, removed afterwards
  double timeout_seconds = 600;     // the program is killed after this long (0: no limit)
};

/// The argument vector run_benchmarks passes (argv[0] is the program).
std::vector<std::string> benchmark_arguments(const bench_options& options,
                                             const std::filesystem::path& out_json);

/// Runs the program and reads its JSON. Throws std::runtime_error (one line)
/// when the program cannot be started, exits non-zero, is killed or runs past
/// its timeout (then it is killed), or its output is unreadable.
bench_run run_benchmarks(const bench_options& options);

}  // namespace weft::gate
