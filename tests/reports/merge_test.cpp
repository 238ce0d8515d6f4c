// Joining shard reports (`weft report merge`).
#include <gtest/gtest.h>

#include <stdexcept>

#include "sample_report.hpp"
#include "weft/reports/json.hpp"
#include "weft/reports/run_report.hpp"

namespace weft::reports {
namespace {

// Splits the sample into `n` shards the way --shard i/n would.
std::vector<run_report> shards_of(const run_report& whole, std::size_t n) {
  std::vector<run_report> out(n, whole);
  for (std::size_t i = 0; i < n; ++i) {
    out[i].shard = std::to_string(i + 1) + "/" + std::to_string(n);
    out[i].scenarios.clear();
    out[i].benchmarks.clear();
    out[i].seconds = 1.0 + double(i);
    out[i].started_at = "2024-05-01T12:00:0" + std::to_string(n - i) + "Z";
  }
  for (std::size_t k = 0; k < whole.scenarios.size(); ++k) out[k % n].scenarios.push_back(whole.scenarios[k]);
  out[0].benchmarks = whole.benchmarks;
  return out;
}

TEST(Merge, JoinsShardsSortedByName) {
  const run_report whole = testing::sample_report();
  const run_report merged = merge(shards_of(whole, 3));
  ASSERT_EQ(merged.scenarios.size(), whole.scenarios.size());
  for (std::size_t i = 1; i < merged.scenarios.size(); ++i) {
    EXPECT_LT(merged.scenarios[i - 1].name, merged.scenarios[i].name);
  }
  EXPECT_EQ(merged.shard, "");
  EXPECT_EQ(merged.started_at, "2024-05-01T12:00:01Z");  // the earliest shard
  EXPECT_DOUBLE_EQ(merged.seconds, 3.0);                  // the longest shard
  EXPECT_EQ(merged.benchmarks.size(), whole.benchmarks.size());
  EXPECT_EQ(merged.all_as_expected(), whole.all_as_expected());
  EXPECT_EQ(merged.host, whole.host);
}

TEST(Merge, SurvivesAJsonRoundTripOfEachShard) {
  std::vector<run_report> shards;
  for (const auto& s : shards_of(testing::sample_report(), 2)) shards.push_back(parse_json(to_json(s)));
  EXPECT_EQ(merge(shards).scenarios.size(), testing::sample_report().scenarios.size());
}

TEST(Merge, KeepsOneCopyOfAnIdenticalDuplicate) {
  auto shards = shards_of(testing::sample_report(), 2);
  shards[1].scenarios.push_back(shards[0].scenarios[0]);
  EXPECT_EQ(merge(shards).scenarios.size(), testing::sample_report().scenarios.size());
}

TEST(Merge, RejectsConflictingDuplicates) {
  auto shards = shards_of(testing::sample_report(), 2);
  auto conflicting = shards[0].scenarios[0];
  conflicting.as_expected = !conflicting.as_expected;
  shards[1].scenarios.push_back(conflicting);
  try {
    merge(shards);
    FAIL() << "no error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(conflicting.name), std::string::npos) << e.what();
  }
}

TEST(Merge, RejectsDifferentVersions) {
  auto shards = shards_of(testing::sample_report(), 2);
  shards[1].weft_version = "9.9.9";
  EXPECT_THROW(merge(shards), std::runtime_error);
}

TEST(Merge, NamesEveryHostOnce) {
  auto shards = shards_of(testing::sample_report(), 3);
  shards[1].host = "ci-runner-10";
  EXPECT_EQ(merge(shards).host, "ci-runner-3,ci-runner-10");
  EXPECT_EQ(merge({}).scenarios.size(), 0u);
}

}  // namespace
}  // namespace weft::reports
