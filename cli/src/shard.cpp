#include "shard.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <optional>

#include "common.hpp"

namespace weft::cli {
namespace {

unsigned parse_unsigned(const std::string& text, const std::string& what) {
  if (text.empty() || !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
      text.size() > 6) {
    throw input_error(what + " '" + text + "' is not a positive whole number");
  }
  return static_cast<unsigned>(std::stoul(text));
}

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v != nullptr ? v : "";
}

/// "i/n" as given by `what` (the flag or WEFT_SHARD).
shard from_text(const std::string& text, const std::string& what) {
  const auto slash = text.find('/');
  if (slash == std::string::npos) throw input_error(what + " '" + text + "' is not of the form i/n (e.g. 2/4)");
  return {parse_unsigned(text.substr(0, slash), what + " index"), parse_unsigned(text.substr(slash + 1), what + " count"),
          what};
}

/// A convention with an index variable (0- or 1-based) and a count variable;
/// it applies when `trigger` is set.
struct index_and_count {
  const char* name;
  const char* trigger;
  const char* index;
  const char* count;
  unsigned base;  // the first index: 0 or 1
};

// In precedence order after --shard and WEFT_SHARD: the innermost runner
// first. A build tool or test harness (Bazel, a gtest sharding runner)
// shards inside a cluster job (Kubernetes, Slurm), which runs inside a CI job.
constexpr index_and_count bazel{"Bazel", "TEST_TOTAL_SHARDS", "TEST_SHARD_INDEX", "TEST_TOTAL_SHARDS", 0};
constexpr index_and_count googletest{"GoogleTest", "GTEST_TOTAL_SHARDS", "GTEST_SHARD_INDEX", "GTEST_TOTAL_SHARDS", 0};
// A Kubernetes Indexed Job gives each pod its index but not the Job's
// completion count: the pod template must set WEFT_SHARD_COUNT to it.
constexpr index_and_count kubernetes{"Kubernetes Indexed Job", "JOB_COMPLETION_INDEX", "JOB_COMPLETION_INDEX",
                                     "WEFT_SHARD_COUNT", 0};
constexpr index_and_count ci_systems[] = {
    {"GitLab CI", "CI_NODE_TOTAL", "CI_NODE_INDEX", "CI_NODE_TOTAL", 1},
    {"CircleCI", "CIRCLE_NODE_TOTAL", "CIRCLE_NODE_INDEX", "CIRCLE_NODE_TOTAL", 0},
    {"Buildkite", "BUILDKITE_PARALLEL_JOB_COUNT", "BUILDKITE_PARALLEL_JOB", "BUILDKITE_PARALLEL_JOB_COUNT", 0},
};

std::optional<shard> from(const index_and_count& c) {
  if (env(c.trigger).empty()) return std::nullopt;
  if (env(c.count).empty()) {
    throw input_error(std::string(c.index) + " is set but " + c.count + " is not: it must give the number of shards");
  }
  const unsigned index = parse_unsigned(env(c.index), c.index);
  return shard{index + 1 - c.base, parse_unsigned(env(c.count), c.count),
               std::string(c.name) + " (" + c.index + "/" + c.count + ")"};
}

/// A Slurm job array (--array=MIN-MAX[:STEP]): task ids need not start at 0
/// or 1 and may step; an array with gaps (--array=1,4,9) has no shard order.
std::optional<shard> from_slurm() {
  if (env("SLURM_ARRAY_TASK_ID").empty()) return std::nullopt;
  const unsigned id = parse_unsigned(env("SLURM_ARRAY_TASK_ID"), "SLURM_ARRAY_TASK_ID");
  const unsigned count = parse_unsigned(env("SLURM_ARRAY_TASK_COUNT"), "SLURM_ARRAY_TASK_COUNT");
  const unsigned min = parse_unsigned(env("SLURM_ARRAY_TASK_MIN"), "SLURM_ARRAY_TASK_MIN");
  const unsigned max = parse_unsigned(env("SLURM_ARRAY_TASK_MAX"), "SLURM_ARRAY_TASK_MAX");
  const std::string step_text = env("SLURM_ARRAY_TASK_STEP");
  const unsigned step = step_text.empty() ? 1 : parse_unsigned(step_text, "SLURM_ARRAY_TASK_STEP");
  if (step == 0 || max < min || id < min || (id - min) % step != 0 || (max - min) / step + 1 != count) {
    throw input_error("Slurm array task " + std::to_string(id) + " of " + std::to_string(count) + " (ids " +
                      std::to_string(min) + "-" + std::to_string(max) + " step " + std::to_string(step) +
                      ") has no shard: use --array=MIN-MAX[:STEP] without gaps, or --shard i/n");
  }
  return shard{(id - min) / step + 1, count, "Slurm array (SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT)"};
}

std::optional<shard> from_environment() {
  if (!env("WEFT_SHARD").empty()) return from_text(env("WEFT_SHARD"), "WEFT_SHARD");
  if (auto s = from(bazel)) {
    if (const std::string status = env("TEST_SHARD_STATUS_FILE"); !status.empty()) {
      if (!std::ofstream(status, std::ios::app)) throw input_error("cannot touch TEST_SHARD_STATUS_FILE '" + status + "'");
    }
    return s;
  }
  if (auto s = from(googletest)) return s;
  if (auto s = from(kubernetes)) return s;
  if (auto s = from_slurm()) return s;
  for (const auto& c : ci_systems) {
    if (auto s = from(c)) return s;
  }
  return std::nullopt;
}

}  // namespace

shard parse_shard(const std::string& flag) {
  shard s = flag.empty() ? from_environment().value_or(shard{}) : from_text(flag, "--shard");
  if (s.count == 0 || s.index == 0 || s.index > s.count) {
    throw input_error("shard " + std::to_string(s.index) + "/" + std::to_string(s.count) +
                      (s.source.empty() ? "" : " from " + s.source) + " is out of range (i/n with 1 <= i <= n)");
  }
  if (s.count == 1) s.source.clear();  // one shard is no sharding, whoever said so
  return s;
}

}  // namespace weft::cli
