// tests/ci/config_test.cpp — the gate configuration (ci/gate.json) and its validation.
#include <gtest/gtest.h>

#include "test_support.hpp"
#include "weft/gate/config.hpp"

namespace weft::gate::test {
namespace {

TEST(GateConfig, TheCommittedConfigurationIsValid) {
  const gate_config config = read_gate_config(std::filesystem::path(WEFT_SOURCE_DIR) / "ci" / "gate.json");
  EXPECT_FALSE(config.scenarios.empty());
  EXPECT_EQ(config.benchmark_program, "weft-bench-models");
  EXPECT_GE(config.repetitions, 3);
  EXPECT_GT(config.min_time, 0);
  EXPECT_GT(config.tolerance, 0);
  EXPECT_EQ(config.baseline, "ci/baseline.json");
}

TEST(GateConfig, EveryKeyIsOptional) {
  scratch_dir dir;
  write_file(dir / "gate.json", "{}");
  const gate_config config = read_gate_config(dir / "gate.json");
  const gate_config defaults;
  EXPECT_EQ(config.scenarios, defaults.scenarios);
  EXPECT_EQ(config.repetitions, defaults.repetitions);
  EXPECT_DOUBLE_EQ(config.tolerance, defaults.tolerance);
}

TEST(GateConfig, ReadsEveryKey) {
  scratch_dir dir;
  write_file(dir / "gate.json", R"({"scenarios": ["counter/*", "bank/*"], "benchmark_program": "./b",
    "benchmark_filter": "threads:1", "repetitions": 7, "min_time": 0.2, "tolerance": 0.5,
    "baseline": "perf/base.json", "comment": "why"})");
  const gate_config config = read_gate_config(dir / "gate.json");
  EXPECT_EQ(config.scenarios, (std::vector<std::string>{"counter/*", "bank/*"}));
  EXPECT_EQ(config.benchmark_program, "./b");
  EXPECT_EQ(config.benchmark_filter, "threads:1");
  EXPECT_EQ(config.repetitions, 7);
  EXPECT_DOUBLE_EQ(config.min_time, 0.2);
  EXPECT_DOUBLE_EQ(config.tolerance, 0.5);
  EXPECT_EQ(config.baseline, "perf/base.json");
}

TEST(GateConfig, UnknownKeysWrongTypesAndBadValuesAreOneLineErrors) {
  scratch_dir dir;
  const auto file = dir / "gate.json";
  const std::vector<std::pair<std::string, std::string>> cases{
      {R"({"tolerence": 0.2})", "unknown key \"tolerence\""},
      {R"({"repetitions": "5"})", "\"repetitions\" must be an integer from 1 to 1000, not \"5\""},
      {R"({"repetitions": 2.5})", "\"repetitions\" must be an integer"},
      {R"({"repetitions": 0})", "\"repetitions\" must be an integer"},
      {R"({"min_time": -1})", "\"min_time\" must be a number of seconds"},
      {R"({"tolerance": "30%"})", "\"tolerance\" must be a number"},
      {R"({"tolerance": -0.1})", "\"tolerance\" must be a number from 0 to 10"},
      {R"({"scenarios": "counter/*"})", "\"scenarios\" must be a non-empty array"},
      {R"({"scenarios": ["ok", 3]})", "\"scenarios\" must be an array of non-empty strings"},
      {R"({"baseline": ""})", "\"baseline\" must be a non-empty path"},
      {R"({"benchmark_filter": null})", "\"benchmark_filter\" must be a string"},
      {R"(["not", "an", "object"])", "must be a JSON object"},
      {R"({"tolerance": 0.2,)", "not valid JSON"},
  };
  for (const auto& [text, needle] : cases) {
    write_file(file, text);
    SCOPED_TRACE(text);
    expect_one_line_error([&] { read_gate_config(file); }, needle);
  }
  expect_one_line_error([&] { read_gate_config(dir / "absent.json"); }, "cannot open");
}

}  // namespace
}  // namespace weft::gate::test
