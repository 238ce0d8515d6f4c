// tests/ci/ratio_test.cpp — the ratio rule: two benchmarks of one run, their
// counter's ratio against the ratio recorded in ci/gate.json.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>

#include "test_support.hpp"
#include "weft/gate/config.hpp"
#include "weft/gate/ratios.hpp"

namespace weft::gate::test {
namespace {

/// A run where each named benchmark reports `executions_per_s` per repetition.
bench_run rates(const std::vector<std::pair<std::string, std::vector<double>>>& samples) {
  bench_run run = make_run({});
  for (const auto& [name, values] : samples) {
    bench_sample s{name, std::vector<double>(values.size(), 1.0), "ns", {}, {}, {}};
    s.counters["executions_per_s"] = values;
    run.samples.push_back(s);
  }
  return run;
}

ratio_config weft_vs_relacy(double recorded) {
  ratio_config c;
  c.pairs.push_back({"BM_weft_mutex_increment/8", "BM_relacy_mutex_increment/8", recorded});
  return c;
}

TEST(Ratios, WithinTheToleranceOfTheRecordedRatioPasses) {
  // medians 900 and 1000: 0.9 against 1.0 recorded, limit 1.0 / 1.5
  const bench_run run = rates({{"BM_weft_mutex_increment/8", {850, 900, 5000}},
                               {"BM_relacy_mutex_increment/8", {1000, 10, 1100}}});
  const auto checks = compare_ratios(weft_vs_relacy(1.0), run, 0.5);
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_FALSE(checks[0].regressed) << checks[0].reason;
  EXPECT_NEAR(checks[0].current, 0.9, 1e-12);
  EXPECT_EQ(checks[0].name, "BM_weft_mutex_increment/8 / BM_relacy_mutex_increment/8");
  EXPECT_NE(checks[0].reason.find("within tolerance"), std::string::npos) << checks[0].reason;
  EXPECT_TRUE(ratios_passed(checks));
}

TEST(Ratios, AFallingRatioFailsTheGate) {
  const bench_run run = rates({{"BM_weft_mutex_increment/8", {600, 600, 600}},
                               {"BM_relacy_mutex_increment/8", {1000, 1000, 1000}}});
  const auto checks = compare_ratios(weft_vs_relacy(1.0), run, 0.5);  // 0.6 < 1.0 / 1.5
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_TRUE(checks[0].regressed);
  EXPECT_NE(checks[0].reason.find("below the 0.667 allowed"), std::string::npos) << checks[0].reason;
  EXPECT_FALSE(ratios_passed(checks));
  EXPECT_NE(format_ratio_checks(checks).find("ratios FAILED"), std::string::npos);
}

TEST(Ratios, ARisingRatioPassesWithAHint) {
  const bench_run run = rates({{"BM_weft_mutex_increment/8", {3000}}, {"BM_relacy_mutex_increment/8", {1000}}});
  const auto checks = compare_ratios(weft_vs_relacy(1.0), run, 0.5);
  EXPECT_FALSE(checks[0].regressed);
  EXPECT_NE(checks[0].reason.find("consider recording the new ratio"), std::string::npos) << checks[0].reason;
}

TEST(Ratios, AMissingFailedOrCounterlessBenchmarkFailsItsPair) {
  const ratio_config config = weft_vs_relacy(1.0);
  const bench_run missing = rates({{"BM_weft_mutex_increment/8", {1000}}});
  EXPECT_NE(compare_ratios(config, missing, 0.5)[0].reason.find("BM_relacy_mutex_increment/8 is missing"),
            std::string::npos);

  bench_run failed = rates({{"BM_weft_mutex_increment/8", {1000}}, {"BM_relacy_mutex_increment/8", {1000}}});
  failed.samples[0].error = "weft found a bug";
  const auto f = compare_ratios(config, failed, 0.5);
  EXPECT_TRUE(f[0].regressed);
  EXPECT_NE(f[0].reason.find("failed: weft found a bug"), std::string::npos) << f[0].reason;

  bench_run counterless = make_run({{"BM_weft_mutex_increment/8", {1}}, {"BM_relacy_mutex_increment/8", {1}}});
  const auto c = compare_ratios(config, counterless, 0.5);
  EXPECT_TRUE(c[0].regressed);
  EXPECT_NE(c[0].reason.find("no positive \"executions_per_s\""), std::string::npos) << c[0].reason;
}

TEST(Ratios, CountersAreReadFromGoogleBenchmarkJson) {
  const bench_run run = read_benchmark_json(data_file("google_benchmark_1.7.1.json"));
  ASSERT_FALSE(run.samples.empty());
  const bench_sample& s = run.samples.front();
  ASSERT_TRUE(s.counters.contains("real_time"));
  EXPECT_EQ(s.counters.at("real_time").size(), s.values.size());
}

bench_options equal_pair_bench() {
  bench_options o;
  o.program = WEFT_FAKE_BENCH;
  o.repetitions = 3;  // fake/a and fake/b run equally fast: ratio 1.0
  return o;
}

ratio_config fake_pair(double recorded) {
  ratio_config c;
  c.pairs.push_back({"fake/a", "fake/b", recorded});
  return c;
}

TEST(RunRatioGate, PassesWhenTheRatioIsAsRecorded) {
  const ratio_outcome out = run_ratio_gate(fake_pair(1.0), equal_pair_bench(), 0.3);
  EXPECT_TRUE(out.passed);
  ASSERT_EQ(out.checks.size(), 1u);
  EXPECT_NEAR(out.checks[0].current, 1.0, 1e-9);
}

TEST(RunRatioGate, AWholeMachineSlowdownCancelsInTheRatio) {
  scratch_dir dir;
  ::setenv("WEFT_FAKE_BENCH_SLOW_ONCE", (dir / "marker").c_str(), 1);
  const ratio_outcome out = run_ratio_gate(fake_pair(1.0), equal_pair_bench(), 0.3, 0);
  ::unsetenv("WEFT_FAKE_BENCH_SLOW_ONCE");
  EXPECT_NEAR(out.run.samples[0].values[0], 300, 1e-9);  // the run was slow ...
  EXPECT_TRUE(out.passed) << out.checks[0].reason;        // ... and the ratio did not move
}

TEST(RunRatioGate, ARealRegressionIsConfirmedByTheReRun) {
  const ratio_outcome out = run_ratio_gate(fake_pair(2.0), equal_pair_bench(), 0.3);  // recorded twice as fast as now
  EXPECT_FALSE(out.passed);
  ASSERT_EQ(out.checks.size(), 1u);
  EXPECT_TRUE(out.checks[0].regressed);
  EXPECT_NE(out.checks[0].reason.find("confirmed by a re-run"), std::string::npos) << out.checks[0].reason;
}

TEST(RunRatioGate, AOneSidedTransientSlowdownIsNotConfirmed) {
  scratch_dir dir;
  ::setenv("WEFT_FAKE_BENCH_SLOW_ONCE", (dir / "marker").c_str(), 1);
  ::setenv("WEFT_FAKE_BENCH_SLOW_ONLY", "fake/a", 1);
  const ratio_outcome out = run_ratio_gate(fake_pair(1.0), equal_pair_bench(), 0.3);
  ::unsetenv("WEFT_FAKE_BENCH_SLOW_ONCE");
  ::unsetenv("WEFT_FAKE_BENCH_SLOW_ONLY");
  ASSERT_EQ(out.checks.size(), 1u);
  EXPECT_TRUE(out.passed) << out.checks[0].reason;
  EXPECT_NE(out.checks[0].reason.find("a first run measured 0.333: noise, not confirmed"), std::string::npos)
      << out.checks[0].reason;
}

TEST(RatioConfig, ReadsThePairs) {
  scratch_dir dir;
  write_file(dir / "gate.json", R"({"ratios": {"program": "./engine", "counter": "ops", "comment": "why",
    "pairs": [{"numerator": "a/2", "denominator": "b/2", "recorded": 0.5}]}})");
  const gate_config config = read_gate_config(dir / "gate.json");
  EXPECT_EQ(config.ratios.program, "./engine");
  EXPECT_EQ(config.ratios.counter, "ops");
  ASSERT_EQ(config.ratios.pairs.size(), 1u);
  EXPECT_EQ(config.ratios.pairs[0].numerator, "a/2");
  EXPECT_EQ(config.ratios.pairs[0].denominator, "b/2");
  EXPECT_DOUBLE_EQ(config.ratios.pairs[0].recorded, 0.5);
}

TEST(RatioConfig, MalformedPairsAreOneLineErrors) {
  scratch_dir dir;
  const auto file = dir / "gate.json";
  const std::vector<std::pair<std::string, std::string>> cases{
      {R"({"ratios": []})", "\"ratios\" must be an object"},
      {R"({"ratios": {"pairz": []}})", "unknown key \"ratios.pairz\""},
      {R"({"ratios": {"program": ""}})", "\"ratios.program\" must be a non-empty string"},
      {R"({"ratios": {"pairs": {}}})", "\"ratios.pairs\" must be an array"},
      {R"({"ratios": {"pairs": [{"numerator": "a", "denominator": "b"}]}})",
       "\"ratios.pairs[0]\" must be an object with \"numerator\", \"denominator\" and \"recorded\""},
      {R"({"ratios": {"pairs": [{"numerator": "a", "denominator": "b", "recorded": 0}]}})",
       "\"ratios.pairs[0].recorded\" must be a ratio above 0"},
      {R"({"ratios": {"pairs": [{"numerator": "a", "denominator": "b", "recorded": 1, "tol": 1}]}})",
       "unknown key \"ratios.pairs[0].tol\""},
  };
  for (const auto& [text, needle] : cases) {
    write_file(file, text);
    SCOPED_TRACE(text);
    expect_one_line_error([&] { read_gate_config(file); }, needle);
  }
}

TEST(RatioConfig, TheCommittedGateHoldsEveryWeftRelacyCell) {
  const gate_config config = read_gate_config(std::filesystem::path(WEFT_SOURCE_DIR) / "ci" / "gate.json");
  EXPECT_EQ(config.ratios.program, "weft-bench-engine");
  EXPECT_EQ(config.ratios.counter, "executions_per_s");
  for (const char* workload : {"mutex_increment", "atomic_increment", "condvar_handoff"}) {
    for (int threads : {2, 8, 32}) {
      const std::string cell = std::string(workload) + "/" + std::to_string(threads);
      const auto found = std::find_if(config.ratios.pairs.begin(), config.ratios.pairs.end(), [&](const ratio_pair& p) {
        return p.numerator == "BM_weft_" + cell && p.denominator == "BM_relacy_" + cell;
      });
      EXPECT_NE(found, config.ratios.pairs.end()) << cell;
    }
  }
}

}  // namespace
}  // namespace weft::gate::test
