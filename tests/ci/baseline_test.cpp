// tests/ci/baseline_test.cpp — baseline files: round trip, corrupt input, atomic writes.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>
#include <limits>

#include "test_support.hpp"
#include "weft/gate/baseline.hpp"

namespace weft::gate::test {
namespace {

baseline sample_baseline() {
  baseline b;
  b.median_ns = {{"counter/atomic/threads:1/real_time", 215e3}, {"bank/locked_account/threads:2/real_time", 3.3e6}};
  b.tolerance = 0.3;
  b.note = "library_build_type: debug";
  return b;
}

TEST(Baseline, RoundTrips) {
  scratch_dir dir;
  const baseline b = sample_baseline();
  write_baseline(b, dir / "baseline.json");
  const baseline back = read_baseline(dir / "baseline.json");
  EXPECT_EQ(back.median_ns, b.median_ns);
  EXPECT_DOUBLE_EQ(back.tolerance, b.tolerance);
  EXPECT_EQ(back.note, b.note);
}

TEST(Baseline, MakeTakesTheMedianOfEachBenchmark) {
  const baseline b = make_baseline(make_run({{"a", {5, 1, 3}}, {"b", {10, 40, 20, 30}}}), 0.25);
  EXPECT_DOUBLE_EQ(b.median_ns.at("a"), 3);
  EXPECT_DOUBLE_EQ(b.median_ns.at("b"), 25);
  EXPECT_DOUBLE_EQ(b.tolerance, 0.25);
  EXPECT_EQ(b.note, "library_build_type: debug");
}

TEST(Baseline, MakeRefusesAFailedBenchmark) {
  bench_run run = make_run({{"a", {1}}});
  run.samples[0].error = "lost updates";
  expect_one_line_error([&] { make_baseline(run, 0.3); }, "lost updates");
}

TEST(Baseline, CorruptFilesAreOneLineErrors) {
  scratch_dir dir;
  write_baseline(sample_baseline(), dir / "good.json");
  const std::string good = read_file(dir / "good.json");

  write_file(dir / "truncated.json", good.substr(0, good.size() - 20));
  expect_one_line_error([&] { read_baseline(dir / "truncated.json"); }, "not valid JSON");
  write_file(dir / "garbage.json", "\x7f" "ELF\x02\x01\x01");
  expect_one_line_error([&] { read_baseline(dir / "garbage.json"); }, "garbage.json: not valid JSON");
  write_file(dir / "format.json", R"({"format": "weft-baseline/99", "median_ns": {}})");
  expect_one_line_error([&] { read_baseline(dir / "format.json"); }, "\"format\" must be");
  write_file(dir / "unknown.json", R"({"format": "weft-baseline/1", "median_ns": {}, "tolerence": 0.2})");
  expect_one_line_error([&] { read_baseline(dir / "unknown.json"); }, "unknown key \"tolerence\"");
  write_file(dir / "type.json", R"({"format": "weft-baseline/1", "median_ns": {"a": "12"}})");
  expect_one_line_error([&] { read_baseline(dir / "type.json"); }, "\"median_ns\"[\"a\"] must be a number > 0");
  write_file(dir / "zero.json", R"({"format": "weft-baseline/1", "median_ns": {"a": 0}})");
  expect_one_line_error([&] { read_baseline(dir / "zero.json"); }, "must be a number > 0");
  write_file(dir / "tolerance.json", R"({"format": "weft-baseline/1", "median_ns": {}, "tolerance": -1})");
  expect_one_line_error([&] { read_baseline(dir / "tolerance.json"); }, "\"tolerance\" must be a number >= 0");
  write_file(dir / "nothing.json", R"({"format": "weft-baseline/1"})");
  expect_one_line_error([&] { read_baseline(dir / "nothing.json"); }, "no \"median_ns\" object");
  write_file(dir / "array.json", "[1, 2]");
  expect_one_line_error([&] { read_baseline(dir / "array.json"); }, "not a JSON object");
}

std::size_t files_in(const std::filesystem::path& dir) {
  std::size_t n = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir)) ++n;
  return n;
}

/// In a death-test child: writes `b` under a file size limit of `limit` bytes;
/// exits 0 when write_baseline threw (printing why), 1 when it did not.
[[noreturn]] void write_with_file_size_limit(const baseline& b, const std::filesystem::path& file, rlim_t limit) {
  ::signal(SIGXFSZ, SIG_IGN);  // get EFBIG from write() instead of the signal
  const rlimit size_limit{limit, limit};
  ::setrlimit(RLIMIT_FSIZE, &size_limit);
  try {
    write_baseline(b, file);
  } catch (const std::runtime_error& e) {
    std::fprintf(stderr, "%s\n", e.what());
    std::_Exit(0);
  }
  std::_Exit(1);
}

// A write that fails half-way (the file size limit is hit: EFBIG) leaves the
// existing baseline byte for byte as it was, and no temporary file behind.
TEST(BaselineDeathTest, FailedWriteLeavesTheExistingFileUntouched) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  scratch_dir dir;
  const auto file = dir / "baseline.json";
  write_baseline(sample_baseline(), file);
  const std::string before = read_file(file);

  baseline big = sample_baseline();
  for (int i = 0; i < 2000; ++i) big.median_ns["padding/benchmark/" + std::to_string(i)] = 1.0 + i;
  EXPECT_EXIT(write_with_file_size_limit(big, file, 4096), ::testing::ExitedWithCode(0),
              "cannot write .*baseline.json.tmp");
  EXPECT_EQ(read_file(file), before);
  EXPECT_EQ(files_in(dir.path()), 1u) << "a temporary file was left behind";
  EXPECT_NO_THROW(read_baseline(file));
}

TEST(Baseline, WriteIntoAMissingDirectoryFailsWithoutCreatingAnything) {
  scratch_dir dir;
  expect_one_line_error([&] { write_baseline(sample_baseline(), dir / "no" / "such" / "baseline.json"); },
                        "cannot create");
  EXPECT_EQ(files_in(dir.path()), 0u);
}

TEST(Baseline, WriteRefusesInvalidValuesAndKeepsTheExistingFile) {
  scratch_dir dir;
  const auto file = dir / "baseline.json";
  write_baseline(sample_baseline(), file);
  const std::string before = read_file(file);
  baseline bad = sample_baseline();
  bad.median_ns["nan"] = std::numeric_limits<double>::quiet_NaN();
  expect_one_line_error([&] { write_baseline(bad, file); }, "refusing to write");
  EXPECT_EQ(read_file(file), before);
  EXPECT_EQ(files_in(dir.path()), 1u);
}

}  // namespace
}  // namespace weft::gate::test
