// JUnit XML: a testsuite per family, a testcase per scenario, unexpected
// verdicts as failures with replay commands; valid against the JUnit XSD.
#include <gtest/gtest.h>

#include "sample_report.hpp"
#include "test_util.hpp"
#include "weft/reports/junit.hpp"

namespace weft::reports {
namespace {

void expect_valid_junit(const run_report& r) {
  testing::scratch_dir dir;
  testing::write_text(dir / "junit.xml", to_junit(r));
  std::string output;
  const int status = testing::run_command(
      std::string(WEFT_XMLLINT) + " --noout --schema " + testing::shell_quote(WEFT_TEST_DATA_DIR "/JUnit.xsd") + " " +
          testing::shell_quote((dir / "junit.xml").string()),
      output);
  EXPECT_EQ(status, 0) << "xmllint (Debian: libxml2-utils) says:\n" << output;
}

TEST(JUnit, ValidAgainstTheJUnitSchema) { expect_valid_junit(testing::sample_report()); }
TEST(JUnit, ValidWithHostileStrings) { expect_valid_junit(testing::sample_report_with_hostile()); }
TEST(JUnit, ValidWhenEmpty) { expect_valid_junit(run_report{}); }

TEST(JUnit, SuitePerFamilyCasePerScenarioFailurePerUnexpectedVerdict) {
  const std::string x = to_junit(testing::sample_report());
  EXPECT_EQ(testing::occurrences(x, "<testsuite "), 4u);  // bank, counter, queue, rwlock
  EXPECT_EQ(testing::occurrences(x, "<testcase "), 8u);
  EXPECT_EQ(testing::occurrences(x, "<failure "), 2u);
  EXPECT_NE(x.find("<testsuite name=\"queue\" package=\"weft\" id=\"2\" tests=\"1\" failures=\"1\""), std::string::npos)
      << x;
  EXPECT_NE(x.find("timestamp=\"2024-05-01T12:00:00\" hostname=\"ci-runner-3\""), std::string::npos);
  EXPECT_NE(x.find("replay: weft replay queue/bounded_if_wait &#39;p3.s11.00101110&#39;"), std::string::npos) << x;
  EXPECT_NE(x.find("type=\"expected_bug_not_found\""), std::string::npos);
  EXPECT_NE(x.find("message=\"expected clean but found lost_wakeup:"), std::string::npos);
  // Expected findings pass but their replay commands are still recorded.
  EXPECT_NE(x.find("weft replay bank/transfer_unordered &#39;p2.s7.0011010&#39;"), std::string::npos);
}

TEST(JUnit, SuppressedFindingsAreCountedInTheSuiteOutput) {
  const std::string x = to_junit(testing::sample_report());
  EXPECT_NE(x.find("counter/unsafe: 1 suppressed\n  data_race: data race on var#1"), std::string::npos) << x;
  EXPECT_NE(x.find("(suppressed by rule &#39;data_race:*reset*&#39;)"), std::string::npos) << x;
  EXPECT_EQ(testing::occurrences(x, "suppressed\n"), 1u) << "only the scenario that has one";
}

TEST(JUnit, HostileStringsAreEscaped) {
  const std::string x = to_junit(testing::sample_report_with_hostile());
  EXPECT_EQ(x.find("<script"), std::string::npos);
  EXPECT_EQ(x.find("<img"), std::string::npos);
}

}  // namespace
}  // namespace weft::reports
