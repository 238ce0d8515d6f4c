// tests/ci/bench_json_test.cpp — reading Google Benchmark JSON output.
#include <gtest/gtest.h>

#include "test_support.hpp"
#include "weft/gate/bench_json.hpp"

namespace weft::gate::test {
namespace {

TEST(BenchJson, ReadsRepetitionsInNanosecondsAndIgnoresAggregates) {
  const bench_run run = read_benchmark_json(data_file("google_benchmark_1.7.1.json"));
  ASSERT_EQ(run.samples.size(), 2u);
  EXPECT_EQ(run.samples[0].name, "counter/atomic/threads:1/real_time");
  EXPECT_EQ(run.samples[0].values, (std::vector<double>{215e3, 216e3, 220e3}));  // us -> ns
  EXPECT_EQ(run.samples[0].unit, "ns");
  EXPECT_EQ(run.samples[1].name, "bank/ordered_transfer/threads:2/real_time");
  EXPECT_EQ(run.samples[1].values.size(), 3u);
  EXPECT_TRUE(run.samples[1].error.empty());
}

TEST(BenchJson, ReadsOpsPerSecondAndFormatsATable) {
  const bench_run run = read_benchmark_json(data_file("google_benchmark_1.7.1.json"));
  EXPECT_EQ(run.samples[0].items_per_second.size(), 3u);
  const std::string table = format_run(run);
  EXPECT_NE(table.find("counter/atomic/threads:1/real_time"), std::string::npos) << table;
  EXPECT_NE(table.find("216.0 us"), std::string::npos) << table;  // the median repetition
  EXPECT_NE(table.find(" M "), std::string::npos) << table;
}

TEST(BenchJson, KeepsTheContextIncludingTheLibraryBuildType) {
  const bench_run run = read_benchmark_json(data_file("google_benchmark_1.7.1.json"));
  EXPECT_NE(run.context.find("library_build_type: debug"), std::string::npos) << run.context;
  EXPECT_NE(run.context.find("num_cpus: 2"), std::string::npos) << run.context;
  EXPECT_EQ(run.context.find('\n'), std::string::npos);
}

TEST(BenchJson, RecordsABenchmarkError) {
  scratch_dir dir;
  write_file(dir / "error.json", R"({"context": {}, "benchmarks": [
    {"name": "m/x", "run_name": "m/x", "run_type": "iteration", "real_time": 5, "time_unit": "ns"},
    {"name": "m/x", "run_name": "m/x", "run_type": "iteration", "error_occurred": true,
     "error_message": "lost updates", "real_time": 0, "time_unit": "ns"}]})");
  const bench_run run = read_benchmark_json(dir / "error.json");
  ASSERT_EQ(run.samples.size(), 1u);
  EXPECT_EQ(run.samples[0].error, "lost updates");
}

TEST(BenchJson, ReadsGoogleBenchmarksNonFiniteLiterals) {
  // Google Benchmark writes NaN / Infinity unquoted (not JSON), e.g. for the
  // cv aggregate of a counter that is always 0; names keep their text.
  scratch_dir dir;
  write_file(dir / "nan.json", R"({"benchmarks": [
    {"name": "m/NaN", "run_name": "m/NaN", "run_type": "iteration", "real_time": 5, "time_unit": "ns",
     "refused": 0},
    {"name": "m/NaN_cv", "run_name": "m/NaN", "run_type": "aggregate", "aggregate_name": "cv",
     "real_time": 0.1, "time_unit": "ns", "refused": NaN, "peak": -Infinity, "top": Infinity}]})");
  const bench_run run = read_benchmark_json(dir / "nan.json");
  ASSERT_EQ(run.samples.size(), 1u);
  EXPECT_EQ(run.samples[0].name, "m/NaN");
  ASSERT_EQ(run.samples[0].values.size(), 1u);
  EXPECT_EQ(run.samples[0].values[0], 5.0);
  // A time that is not a finite number is still an error.
  write_file(dir / "nan_time.json", R"({"benchmarks": [{"name": "a", "real_time": NaN}]})");
  expect_one_line_error([&] { read_benchmark_json(dir / "nan_time.json"); }, "no numeric \"real_time\"");
}

TEST(BenchJson, TruncatedOutputIsAOneLineError) {
  scratch_dir dir;
  const std::string good = read_file(data_file("google_benchmark_1.7.1.json"));
  write_file(dir / "truncated.json", good.substr(0, good.size() / 2));
  const std::string what =
      expect_one_line_error([&] { read_benchmark_json(dir / "truncated.json"); }, "not valid JSON");
  EXPECT_NE(what.find("truncated.json"), std::string::npos) << what;
}

TEST(BenchJson, CorruptInputsAreOneLineErrors) {
  scratch_dir dir;
  write_file(dir / "binary.json", std::string("\x00\xff\x13garbage", 10));
  expect_one_line_error([&] { read_benchmark_json(dir / "binary.json"); }, "not valid JSON");
  write_file(dir / "other.json", R"({"tests": []})");
  expect_one_line_error([&] { read_benchmark_json(dir / "other.json"); }, "no \"benchmarks\" array");
  write_file(dir / "empty.json", R"({"benchmarks": []})");
  expect_one_line_error([&] { read_benchmark_json(dir / "empty.json"); }, "no benchmark results");
  write_file(dir / "time.json", R"({"benchmarks": [{"name": "a", "real_time": "fast"}]})");
  expect_one_line_error([&] { read_benchmark_json(dir / "time.json"); }, "no numeric \"real_time\"");
  write_file(dir / "unit.json", R"({"benchmarks": [{"name": "a", "real_time": 1, "time_unit": "fortnight"}]})");
  expect_one_line_error([&] { read_benchmark_json(dir / "unit.json"); }, "unknown time_unit");
  write_file(dir / "negative.json", R"({"benchmarks": [{"name": "a", "real_time": -1}]})");
  expect_one_line_error([&] { read_benchmark_json(dir / "negative.json"); }, "invalid real_time");
  expect_one_line_error([&] { read_benchmark_json(dir / "absent.json"); }, "cannot open");
}

}  // namespace
}  // namespace weft::gate::test
