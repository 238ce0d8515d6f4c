// weft/gate/baseline.hpp — the baseline file (ci/baseline.json).
//
// A baseline is the median real time of every benchmark from one recorded
// run, the tolerance the gate allows, and a note saying where it came from
// (machine, load, build types). Format, version 1:
//   {"format": "weft-baseline/1", "tolerance": 0.3, "note": "...",
//    "median_ns": {"counter/locked/threads:1/real_time": 612.5, ...}}
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "weft/gate/bench_json.hpp"

namespace weft::gate {

inline constexpr const char* baseline_format = "weft-baseline/1";

struct baseline {
  std::map<std::string, double> median_ns;  // benchmark name -> median real time, ns
  double tolerance = 0.0;                   // allowed slowdown: 0.3 = 30% slower
  std::string note;
};

/// Throws std::runtime_error (one line, naming the file) on an unreadable or
/// corrupt file: not JSON, wrong format tag, unknown keys, wrong types,
/// non-positive times, a negative tolerance.
baseline read_baseline(const std::filesystem::path& file);

/// Writes atomically: a temporary file in the same directory, flushed and
/// synced, then renamed over `file`. When anything fails the temporary file
/// is removed, an existing `file` is left untouched, and std::runtime_error
/// is thrown.
void write_baseline(const baseline& b, const std::filesystem::path& file);

/// The median of each sample of `run` (samples with an error are refused:
/// std::runtime_error), with `tolerance` and the run's context as the note.
baseline make_baseline(const bench_run& run, double tolerance);

}  // namespace weft::gate
