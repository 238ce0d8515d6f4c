// tests/ci/runner_test.cpp — running a benchmark program and reading its JSON.
#include <gtest/gtest.h>

#include <chrono>
#include <cstdlib>

#include "test_support.hpp"
#include "weft/gate/runner.hpp"

namespace weft::gate::test {
namespace {

bench_options runner_bench(const std::string& filter = {}) {
  bench_options o;
  o.program = WEFT_FAKE_BENCH;
  o.repetitions = 4;
  o.min_time = 0.25;
  o.filter = filter;
  return o;
}

TEST(Runner, PassesTheGoogleBenchmarkFlags) {
  const auto args = benchmark_arguments(runner_bench("counter/"), "/tmp/out.json");
  EXPECT_EQ(args, (std::vector<std::string>{WEFT_FAKE_BENCH, "--benchmark_format=json",
                                            "--benchmark_out=/tmp/out.json", "--benchmark_out_format=json",
                                            "--benchmark_repetitions=4", "--benchmark_min_time=0.25",
                                            "--benchmark_filter=counter/"}));
  EXPECT_EQ(benchmark_arguments(runner_bench(), "o.json").size(), 6u);  // no filter flag when empty
}

TEST(Runner, RunsTheProgramAndReadsItsRepetitions) {
  const bench_run run = run_benchmarks(runner_bench());
  ASSERT_EQ(run.samples.size(), 2u);
  EXPECT_EQ(run.samples[0].name, "fake/a");
  EXPECT_EQ(run.samples[0].values, (std::vector<double>{100, 101, 102, 103}));
  EXPECT_NE(run.context.find("--benchmark_repetitions=4"), std::string::npos) << run.context;
}

TEST(Runner, KeepsTheJsonWhereAskedAndRemovesItsOwnTemporaryFile) {
  scratch_dir dir;
  bench_options o = runner_bench();
  o.out_json = dir / "run.json";
  write_file(o.out_json, "stale output of an earlier run");
  run_benchmarks(o);
  EXPECT_NO_THROW(read_benchmark_json(o.out_json));

  // Without out_json the run goes to a temporary file, removed afterwards.
  scratch_dir temp;
  ::setenv("TMPDIR", temp.path().c_str(), 1);
  const bench_run run = run_benchmarks(runner_bench());
  ::unsetenv("TMPDIR");
  EXPECT_EQ(run.samples.size(), 2u);
  EXPECT_TRUE(std::filesystem::is_empty(temp.path()));
}

TEST(Runner, FailuresOfTheProgramAreOneLineErrors) {
  expect_one_line_error([] { run_benchmarks(runner_bench("exit3")); }, "exited with status 3");
  expect_one_line_error([] { run_benchmarks(runner_bench("abort")); }, "killed by signal");
  expect_one_line_error([] { run_benchmarks(runner_bench("garbage")); }, "not valid JSON");
  bench_options missing = runner_bench();
  missing.program = "/nonexistent/weft-bench-models";
  expect_one_line_error([&] { run_benchmarks(missing); }, "cannot start benchmark program");
  bench_options zero = runner_bench();
  zero.repetitions = 0;
  expect_one_line_error([&] { run_benchmarks(zero); }, "repetitions");
}

TEST(Runner, AProgramThatHangsIsKilledAtItsTimeout) {
  bench_options o = runner_bench("hang");
  o.timeout_seconds = 0.5;
  const auto started = std::chrono::steady_clock::now();
  expect_one_line_error([&] { run_benchmarks(o); }, "did not finish within 0.5 s");
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
}

#ifdef WEFT_BENCH_MODELS
// The real suite, one fast benchmark, twice: the names and the context the
// baseline depends on.
TEST(Runner, RunsTheModelBenchmarks) {
  bench_options o;
  o.program = WEFT_BENCH_MODELS;
  o.repetitions = 2;
  o.min_time = 0.01;
  o.filter = "counter/atomic/threads:1";
  const bench_run run = run_benchmarks(o);
  ASSERT_EQ(run.samples.size(), 1u);
  EXPECT_EQ(run.samples[0].name, "counter/atomic/threads:1/real_time");
  EXPECT_EQ(run.samples[0].values.size(), 2u);
  EXPECT_TRUE(run.samples[0].error.empty()) << run.samples[0].error;
  EXPECT_NE(run.context.find("library_build_type"), std::string::npos) << run.context;
  EXPECT_NE(run.context.find("weft_build_type"), std::string::npos) << run.context;
}
#endif

}  // namespace
}  // namespace weft::gate::test
