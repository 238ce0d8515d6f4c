// SARIF 2.1.0: one result per finding, rule = kind (or sub-kind), locations, schedule in
// properties; valid against the OASIS SARIF 2.1.0 JSON schema.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sample_report.hpp"
#include "test_util.hpp"
#include "weft/reports/sarif.hpp"

namespace weft::reports {
namespace {

void expect_valid_sarif(const run_report& r) {
  testing::scratch_dir dir;
  testing::write_text(dir / "r.sarif", to_sarif(r));
  std::string output;
  const int status = testing::run_command(
      std::string(WEFT_PYTHON3) + " " + testing::shell_quote(WEFT_TEST_SOURCE_DIR "/validate_sarif.py") + " " +
          testing::shell_quote(WEFT_TEST_DATA_DIR "/sarif-schema-2.1.0.json") + " " +
          testing::shell_quote((dir / "r.sarif").string()),
      output);
  EXPECT_EQ(status, 0) << output;
}

TEST(Sarif, ValidAgainstTheSarif210Schema) { expect_valid_sarif(testing::sample_report()); }
TEST(Sarif, ValidWithHostileStrings) { expect_valid_sarif(testing::sample_report_with_hostile()); }
TEST(Sarif, ValidWhenEmpty) { expect_valid_sarif(run_report{}); }

TEST(Sarif, OneResultPerFindingWithRuleLocationsAndSchedule) {
  const auto log = nlohmann::json::parse(to_sarif(testing::sample_report()));
  EXPECT_EQ(log["version"], "2.1.0");
  const auto& run = log["runs"][0];
  EXPECT_EQ(run["tool"]["driver"]["name"], "weft");
  const auto& results = run["results"];
  ASSERT_EQ(results.size(), 4u);  // deadlock, tsan race, data race, lost wakeup
  const auto& deadlock = results[0];
  EXPECT_EQ(deadlock["ruleId"], "deadlock");
  EXPECT_EQ(run["tool"]["driver"]["rules"][deadlock["ruleIndex"].get<std::size_t>()]["id"], "deadlock");
  const auto& physical = deadlock["locations"][0]["physicalLocation"];
  EXPECT_EQ(physical["artifactLocation"]["uri"], "models/include/weft/models/bank.hpp");
  EXPECT_EQ(physical["region"]["startLine"], 41);
  EXPECT_EQ(deadlock["relatedLocations"][0]["physicalLocation"]["region"]["startLine"], 42);
  EXPECT_EQ(deadlock["properties"]["schedule"], "p2.s7.0011010");
  EXPECT_EQ(deadlock["properties"]["replayCommand"], "weft replay bank/transfer_unordered 'p2.s7.0011010'");
  EXPECT_EQ(deadlock["properties"]["preemptions"], 1);
  EXPECT_EQ(deadlock["properties"]["originalSchedule"], "p2.s9.001101011");
  EXPECT_EQ(deadlock["properties"]["originalPreemptions"], 4);
  EXPECT_FALSE(results[2]["properties"].contains("originalSchedule"));  // the data race was not shrunk
  EXPECT_EQ(deadlock["level"], "note");  // an expected bug
  EXPECT_EQ(results[3]["level"], "error");  // the unexpected lost wakeup
  EXPECT_EQ(results[3]["ruleId"], "lost_wakeup");
  // The interleaving: one threadFlow per thread.
  EXPECT_EQ(deadlock["codeFlows"][0]["threadFlows"].size(), 3u);
  EXPECT_EQ(results[1]["ruleId"], "tsan_data_race");
  EXPECT_FALSE(results[1].contains("codeFlows"));
}

TEST(Sarif, AMisuseFindingsRuleIsItsSubkind) {
  const auto log = nlohmann::json::parse(to_sarif(testing::sample_report_with_misuse()));
  const auto& run = log["runs"][0];
  const auto& rules = run["tool"]["driver"]["rules"];
  std::map<std::string, std::string> rule_of_message;
  for (const auto& result : run["results"]) {
    const auto& rule = rules[result["ruleIndex"].get<std::size_t>()];
    EXPECT_EQ(rule["id"], result["ruleId"]) << "ruleIndex points at the result's rule";
    rule_of_message[result["message"]["text"].get<std::string>()] = result["ruleId"].get<std::string>();
  }
  EXPECT_EQ(rule_of_message["misuse/relock in scenario bank/transfer_unordered: thread 1 locks mutex#0, which it "
                            "already holds"],
            "misuse/relock");
  EXPECT_EQ(rule_of_message["misuse in scenario bank/transfer_unordered: resource leak"], "misuse");
  std::vector<std::string> ids;
  for (const auto& rule : rules) ids.push_back(rule["id"].get<std::string>());
  const auto misuse = std::find(ids.begin(), ids.end(), "misuse");
  ASSERT_NE(misuse, ids.end());
  ASSERT_NE(misuse + 1, ids.end());
  EXPECT_EQ(*(misuse + 1), "misuse/relock") << "a kind's sub-kinds follow it";
  EXPECT_EQ(rules[misuse + 1 - ids.begin()]["fullDescription"]["text"], std::string(describe(finding_subkind::relock)));
}
TEST(Sarif, ValidWithSubkinds) { expect_valid_sarif(testing::sample_report_with_misuse()); }

TEST(Sarif, TheThreadFlowSaysWhichOlderStoreALoadRead) {
  run_report r;
  r.scenarios = {testing::weak_memory_scenario()};
  const auto log = nlohmann::json::parse(to_sarif(r));
  const auto& flows = log["runs"][0]["results"][0]["codeFlows"][0]["threadFlows"];
  ASSERT_EQ(flows.size(), 3u);
  const auto& consumer = flows[2]["locations"];  // thread 2: steps 7 and 8
  ASSERT_EQ(consumer.size(), 2u);
  EXPECT_EQ(consumer[1]["location"]["message"]["text"],
            "thread 2 step 8: load data (atomic#0) = 0 (read the store at step 1 by thread 0; 1 newer store existed)");
  EXPECT_EQ(consumer[0]["location"]["message"]["text"], "thread 2 step 7: load ready (atomic#1) = true");
}

TEST(Sarif, OddPathsBecomeValidUris) {
  const auto log = nlohmann::json::parse(to_sarif(testing::sample_report_with_hostile()));
  const auto& last = log["runs"][0]["results"].back();
  EXPECT_EQ(last["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "src/%3Cevil%3E%26%22file%27.cpp");
}

}  // namespace
}  // namespace weft::reports
