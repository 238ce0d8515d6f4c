// weft/gate/bench_json.hpp — reading Google Benchmark's JSON output.
//
// A benchmark program run with --benchmark_format=json (or --benchmark_out=F)
// and --benchmark_repetitions=N writes one "iteration" entry per repetition
// and "aggregate" entries (mean, median, ...). The gate reads only the
// repetitions and computes its own statistics from them.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace weft::gate {

/// The repetitions of one benchmark: real time per iteration, converted to ns.
struct bench_sample {
  std::string name;            // run_name, e.g. "counter/locked/threads:2/real_time"
  std::vector<double> values;  // one per repetition, in ns
  std::string unit = "ns";     // always "ns" once read
  std::string error;           // non-empty when a repetition reported an error
  std::vector<double> items_per_second;  // one per repetition when the benchmark reports it (ops/s)
  // Every numeric field of the repetitions by key — the user counters such as
  // "executions_per_s", and "cpu_time", "iterations", ... — one value per
  // repetition that has it.
  std::map<std::string, std::vector<double>> counters;
};

/// One run of a benchmark program.
struct bench_run {
  std::vector<bench_sample> samples;  // in the order the program ran them
  std::string context;                // "host_name: x; num_cpus: 2; library_build_type: debug; ..."
  double load_average = -1;           // 1-minute load average when the run started; -1: unknown
  int num_cpus = 0;                   // 0: unknown
};

/// Reads a Google Benchmark JSON file. Throws std::runtime_error with a
/// one-line message naming the file when it is unreadable, not JSON, not
/// Google Benchmark output, or holds no benchmark result.
bench_run read_benchmark_json(const std::filesystem::path& file);

/// A table for people (`weft bench`): per benchmark, the median time per
/// iteration and the median ops/s over the repetitions, then the context.
std::string format_run(const bench_run& run);

/// The sample named `name`, or nullptr.
const bench_sample* find_sample(const bench_run& run, const std::string& name);

}  // namespace weft::gate
