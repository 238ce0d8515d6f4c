// tests/ci/compare_test.cpp — the gate's rule: median of repetitions vs the baseline median.
#include <gtest/gtest.h>

#include "test_support.hpp"
#include "weft/gate/baseline.hpp"
#include "weft/gate/compare.hpp"

namespace weft::gate::test {
namespace {

bench_run sample_run() {
  return make_run({{"counter/locked/threads:1/real_time", {600e3, 610e3, 590e3, 605e3, 900e3}},
                   {"counter/atomic/threads:2/real_time", {890e3, 880e3, 910e3, 905e3, 870e3}},
                   {"bank/ordered_transfer/threads:4/real_time", {10e6, 10.5e6, 9.8e6, 10.2e6, 10.1e6}}});
}

/// `run` with every repetition multiplied by `factor`.
bench_run scaled(bench_run run, double factor) {
  for (auto& s : run.samples) {
    for (double& v : s.values) v *= factor;
  }
  return run;
}

TEST(Median, OddEvenAndEmpty) {
  EXPECT_DOUBLE_EQ(median({3, 1, 2}), 2);
  EXPECT_DOUBLE_EQ(median({4, 1, 3, 2}), 2.5);
  EXPECT_DOUBLE_EQ(median({7}), 7);
  EXPECT_DOUBLE_EQ(median({}), 0);
}

TEST(Compare, TheGatePassesOnTheBaselineItself) {
  const bench_run run = sample_run();
  const auto comparisons = compare(make_baseline(run, 0.3), run);
  ASSERT_EQ(comparisons.size(), 3u);
  for (const auto& c : comparisons) {
    EXPECT_FALSE(c.regressed) << c.name << ": " << c.reason;
    EXPECT_DOUBLE_EQ(c.ratio, 1.0);
    EXPECT_NE(c.reason.find("within tolerance"), std::string::npos) << c.reason;
  }
  EXPECT_TRUE(passed(comparisons));
}

TEST(Compare, ADoctoredTwiceAsSlowRunFailsWithTheReason) {
  const bench_run run = sample_run();
  const auto comparisons = compare(make_baseline(run, 0.3), scaled(run, 2.0));
  ASSERT_EQ(comparisons.size(), 3u);
  for (const auto& c : comparisons) {
    EXPECT_TRUE(c.regressed) << c.name;
    EXPECT_NEAR(c.ratio, 2.0, 1e-12);
    EXPECT_NE(c.reason.find("2.00x"), std::string::npos) << c.reason;
    EXPECT_NE(c.reason.find("slower than the 1.30x allowed"), std::string::npos) << c.reason;
  }
  EXPECT_FALSE(passed(comparisons));
  const std::string table = format_comparisons(comparisons);
  EXPECT_NE(table.find("FAIL counter/locked/threads:1/real_time"), std::string::npos) << table;
  EXPECT_NE(table.find("3 regressed: gate FAILED"), std::string::npos) << table;
}

TEST(Compare, TheToleranceIsTheLimit) {
  const baseline base = make_baseline(make_run({{"a", {100}}}), 0.25);
  EXPECT_FALSE(compare(base, make_run({{"a", {125}}}))[0].regressed);
  EXPECT_TRUE(compare(base, make_run({{"a", {125.5}}}))[0].regressed);
  EXPECT_FALSE(compare(base, make_run({{"a", {40}}}))[0].regressed);  // faster never fails
  EXPECT_NE(compare(base, make_run({{"a", {40}}}))[0].reason.find("new baseline"), std::string::npos);
}

TEST(Compare, AMinorityOfDisturbedRepetitionsDoesNotFail) {
  const baseline base = make_baseline(make_run({{"a", {100, 101, 99, 100, 102}}}), 0.2);
  // Two repetitions of five hit by a noisy neighbour: the median does not move.
  const auto c = compare(base, make_run({{"a", {100, 400, 99, 101, 350}}}));
  EXPECT_FALSE(c[0].regressed) << c[0].reason;
  // Three of five are slow: that is the run's typical time now, and it fails.
  EXPECT_TRUE(compare(base, make_run({{"a", {100, 400, 399, 101, 350}}}))[0].regressed);
}

TEST(Compare, MissingAndFailedBenchmarksFailNewOnesAreListed) {
  const baseline base = make_baseline(make_run({{"kept", {10}}, {"gone", {10}}, {"broken", {10}}}), 0.3);
  bench_run run = make_run({{"kept", {10}}, {"broken", {}}, {"new", {5}}});
  run.samples[1].error = "lost updates: counted 3, expected 4";
  const auto comparisons = compare(base, run);
  ASSERT_EQ(comparisons.size(), 4u);
  auto find = [&](const std::string& name) {
    for (const auto& c : comparisons) {
      if (c.name == name) return c;
    }
    ADD_FAILURE() << name << " not compared";
    return comparison{};
  };
  EXPECT_FALSE(find("kept").regressed);
  EXPECT_TRUE(find("gone").regressed);
  EXPECT_NE(find("gone").reason.find("missing"), std::string::npos);
  EXPECT_TRUE(find("broken").regressed);
  EXPECT_NE(find("broken").reason.find("lost updates"), std::string::npos);
  EXPECT_FALSE(find("new").regressed);
  EXPECT_NE(find("new").reason.find("not in the baseline"), std::string::npos);
  EXPECT_FALSE(passed(comparisons));
}

// The committed baseline is readable, covers every correct model at 1, 2 and
// 4 threads, and a run with exactly its medians passes the gate.
TEST(Compare, TheCommittedBaselinePassesOnItself) {
  const baseline base = read_baseline(std::filesystem::path(WEFT_SOURCE_DIR) / "ci" / "baseline.json");
  EXPECT_GT(base.tolerance, 0.0);
  EXPECT_NE(base.note.find("library_build_type"), std::string::npos) << base.note;
  for (const char* model : {"counter/locked", "counter/atomic", "counter/thread_local_sum", "counter/queue_serialized",
                            "bank/locked_account", "bank/ordered_transfer", "bank/recursive_transfer"}) {
    for (const char* threads : {"/threads:1/real_time", "/threads:2/real_time", "/threads:4/real_time"}) {
      EXPECT_TRUE(base.median_ns.contains(std::string(model) + threads)) << model << threads;
    }
  }
  bench_run run;
  for (const auto& [name, ns] : base.median_ns) run.samples.push_back(bench_sample{name, {ns, ns * 1.01, ns * 0.99}, "ns", {}, {}, {}});
  EXPECT_TRUE(passed(compare(base, run)));
  EXPECT_FALSE(passed(compare(base, scaled(run, 2.0))));
}

}  // namespace
}  // namespace weft::gate::test
