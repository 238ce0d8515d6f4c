// tests/ci/gate_run_test.cpp — filters, the load warning and the whole gate with confirmation.
#include <gtest/gtest.h>

#include <cstdlib>

#include "test_support.hpp"
#include "weft/gate/filter.hpp"
#include "weft/gate/run_gate.hpp"

namespace weft::gate::test {
namespace {

TEST(Filter, FollowsGoogleBenchmarkSemantics) {
  EXPECT_TRUE(matches_benchmark_filter("counter/locked/threads:1/real_time", ""));
  EXPECT_TRUE(matches_benchmark_filter("counter/locked/threads:1/real_time", "all"));
  EXPECT_TRUE(matches_benchmark_filter("counter/locked/threads:1/real_time", "threads:1"));
  EXPECT_FALSE(matches_benchmark_filter("counter/locked/threads:2/real_time", "threads:1"));
  EXPECT_TRUE(matches_benchmark_filter("counter/locked/threads:2/real_time", "-threads:1"));
  EXPECT_TRUE(matches_benchmark_filter("bank/ordered_transfer/threads:4/real_time", "^(bank|counter)/.*/threads:[14]/"));
  expect_one_line_error([] { matches_benchmark_filter("x", "(unclosed"); }, "invalid benchmark filter");
}

TEST(Filter, SelectsTheBaselineSubsetTheGateRuns) {
  baseline b;
  b.median_ns = {{"a/threads:1/real_time", 1}, {"a/threads:2/real_time", 2}, {"b/threads:1/real_time", 3}};
  EXPECT_EQ(select_benchmarks(b, "threads:1").median_ns.size(), 2u);
  EXPECT_EQ(select_benchmarks(b, "").median_ns.size(), 3u);
  EXPECT_EQ(select_benchmarks(b, "-^a/").median_ns.size(), 1u);
}

TEST(Filter, SelectsTheSamplesOfARecordedRun) {
  const bench_run run = select_samples(make_run({{"a/threads:1/", {1}}, {"a/threads:2/", {2}}}), "threads:1/");
  ASSERT_EQ(run.samples.size(), 1u);
  EXPECT_EQ(run.samples[0].name, "a/threads:1/");
  EXPECT_EQ(run.context, "library_build_type: debug");
}

TEST(Filter, ExactFilterMatchesOnlyTheNamesGiven) {
  const std::string f = exact_filter({"counter/locked/threads:1/real_time", "a.b(c)"});
  EXPECT_TRUE(matches_benchmark_filter("counter/locked/threads:1/real_time", f));
  EXPECT_TRUE(matches_benchmark_filter("a.b(c)", f));
  EXPECT_FALSE(matches_benchmark_filter("counter/locked/threads:1/real_time_mean", f));
  EXPECT_FALSE(matches_benchmark_filter("axb(c)", f));
}

TEST(LoadWarning, OnlyWhenTheMachineWasBusy) {
  bench_run run = make_run({{"a", {1}}});
  EXPECT_EQ(load_warning(run), "");  // unknown
  run.num_cpus = 2;
  run.load_average = 0.4;
  EXPECT_EQ(load_warning(run), "");
  run.load_average = 11.5;
  const std::string w = load_warning(run);
  EXPECT_NE(w.find("load average 11.50 on 2 CPUs"), std::string::npos) << w;
  EXPECT_EQ(w.find('\n'), std::string::npos);
}

TEST(LoadWarning, ReadFromTheBenchmarkContext) {
  const bench_run run = read_benchmark_json(data_file("google_benchmark_1.7.1.json"));
  EXPECT_EQ(run.num_cpus, 2);
  EXPECT_NEAR(run.load_average, 0.32, 0.01);
}

bench_options gate_bench() {
  bench_options o;
  o.program = WEFT_FAKE_BENCH;
  o.repetitions = 3;  // fake/a and fake/b: 100, 101, 102 ns (x3 when slow)
  return o;
}

baseline fake_baseline() {
  baseline b;
  b.median_ns = {{"fake/a", 101}, {"fake/b", 101}};
  b.tolerance = 0.3;
  return b;
}

TEST(RunGate, PassesWhenTheRunMatchesTheBaseline) {
  const gate_outcome out = run_gate(fake_baseline(), gate_bench());
  EXPECT_TRUE(out.passed);
  ASSERT_EQ(out.comparisons.size(), 2u);
  EXPECT_EQ(out.run.samples.size(), 2u);
}

TEST(RunGate, ARealRegressionIsConfirmedByTheReRun) {
  baseline b = fake_baseline();
  b.median_ns["fake/a"] = 50;  // the program is now twice as slow as recorded for fake/a
  const gate_outcome out = run_gate(b, gate_bench());
  EXPECT_FALSE(out.passed);
  ASSERT_EQ(out.comparisons.size(), 2u);
  const comparison& a = out.comparisons[0];
  EXPECT_EQ(a.name, "fake/a");
  EXPECT_TRUE(a.regressed);
  EXPECT_NE(a.reason.find("confirmed by a re-run"), std::string::npos) << a.reason;
  EXPECT_FALSE(out.comparisons[1].regressed);
}

TEST(RunGate, ATransientSlowdownIsNotConfirmed) {
  scratch_dir dir;
  ::setenv("WEFT_FAKE_BENCH_SLOW_ONCE", (dir / "marker").c_str(), 1);
  const gate_outcome out = run_gate(fake_baseline(), gate_bench());
  ::unsetenv("WEFT_FAKE_BENCH_SLOW_ONCE");
  EXPECT_NEAR(median(out.run.samples[0].values), 303, 1e-9);  // the first run was slow
  EXPECT_TRUE(out.passed);
  for (const auto& c : out.comparisons) {
    EXPECT_FALSE(c.regressed) << c.name << ": " << c.reason;
    EXPECT_NE(c.reason.find("3.00x: noise, not confirmed"), std::string::npos) << c.reason;
  }
}

TEST(RunGate, WithoutConfirmationATransientSlowdownFails) {
  scratch_dir dir;
  ::setenv("WEFT_FAKE_BENCH_SLOW_ONCE", (dir / "marker").c_str(), 1);
  const gate_outcome out = run_gate(fake_baseline(), gate_bench(), 0);
  ::unsetenv("WEFT_FAKE_BENCH_SLOW_ONCE");
  EXPECT_FALSE(out.passed);
}

TEST(RunGate, OnlyTheFilteredSubsetOfTheBaselineIsJudged) {
  baseline b = fake_baseline();
  b.median_ns["other/suite/benchmark"] = 10;  // not run: the filter leaves it out
  bench_options o = gate_bench();
  o.filter = "fake/";
  const gate_outcome out = run_gate(b, o);
  EXPECT_TRUE(out.passed);
  EXPECT_EQ(out.comparisons.size(), 2u);
}

}  // namespace
}  // namespace weft::gate::test
