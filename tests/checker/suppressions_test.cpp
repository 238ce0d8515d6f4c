// Turning detectors off and suppressing findings: the parsers, the matcher,
// and weft::check counting what was suppressed instead of reporting it.
#include <gtest/gtest.h>

#include <mutex>

#include "../support/weft_expect.hpp"
#include "weft/weft.hpp"

namespace {

using weft::finding_kind;

weft::finding race_at(std::string file, std::uint32_t line, std::string function) {
  weft::finding f;
  f.kind = finding_kind::data_race;
  f.message = "data race on var#3: write by thread 1 and read by thread 2";
  f.locations.push_back({std::move(file), line, std::move(function)});
  return f;
}

// --- the suppressions file ---------------------------------------------------
TEST(Suppressions, ParsesRulesCommentsAndBlankLines) {
  const auto s = weft::suppressions::parse("# accepted races\n\n  data_race:cache.cpp:*  \n*:third_party/*\n", "f");
  ASSERT_EQ(s.rules().size(), 2u);
  EXPECT_EQ(s.rules()[0].kind, finding_kind::data_race);
  EXPECT_EQ(s.rules()[0].pattern, "cache.cpp:*");
  EXPECT_EQ(s.rules()[0].text, "data_race:cache.cpp:*");
  EXPECT_FALSE(s.rules()[1].kind.has_value());
}

void expect_parse_error(const std::string& text, const std::string& needle) {
  try {
    (void)weft::suppressions::parse(text, "supp.txt");
    ADD_FAILURE() << "accepted: " << text;
  } catch (const std::invalid_argument& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find(needle), std::string::npos) << what;
    EXPECT_EQ(what.find('\n'), std::string::npos) << "one line: " << what;
  }
}
TEST(Suppressions, MalformedRulesAreOneLineErrorsWithTheirLine) {
  expect_parse_error("# fine\nno colon here\n", "supp.txt:2: 'no colon here' is not kind:pattern");
  expect_parse_error("data_race:\n", "supp.txt:1: 'data_race:' has an empty pattern");
  expect_parse_error("race:foo.cpp\n", "supp.txt:1: unknown finding kind 'race'");
}

TEST(Suppressions, UnreadableFileIsAnError) {
  EXPECT_THROW((void)weft::suppressions::read_file("/nonexistent/supp.txt"), std::invalid_argument);
}

TEST(Suppressions, MatchesFileLineByPathTailFunctionAndObject) {
  const auto f = race_at("/home/u/src/legacy/cache.cpp", 42, "void fill(int)");
  auto matches = [&](const std::string& rule) { return weft::suppressions::parse(rule, "r").match(f) != nullptr; };
  EXPECT_TRUE(matches("data_race:cache.cpp:42"));
  EXPECT_TRUE(matches("data_race:legacy/cache.cpp:*"));
  EXPECT_TRUE(matches("data_race:/home/u/src/legacy/cache.cpp:4?"));
  EXPECT_TRUE(matches("data_race:*fill*"));
  EXPECT_TRUE(matches("data_race:var#3"));
  EXPECT_TRUE(matches("*:cache.cpp:*"));
  // Negative: another line, another file, a partial name without a glob, another kind.
  EXPECT_FALSE(matches("data_race:cache.cpp:43"));
  EXPECT_FALSE(matches("data_race:ache.cpp:42"));
  EXPECT_FALSE(matches("data_race:fill"));
  EXPECT_FALSE(matches("data_race:var#30"));
  EXPECT_FALSE(matches("deadlock:cache.cpp:*"));
}

TEST(Suppressions, MatchesTheNameAUserGaveAnObject) {
  auto f = race_at("cache.cpp", 42, "fill");
  f.message = "data race on cache.entries (var#3): write by thread 1 and read by thread 2";
  auto matches = [&](const std::string& rule) { return weft::suppressions::parse(rule, "r").match(f) != nullptr; };
  EXPECT_TRUE(matches("data_race:cache.entries"));
  EXPECT_TRUE(matches("data_race:cache.*"));
  EXPECT_TRUE(matches("data_race:var#3"));
  EXPECT_FALSE(matches("data_race:entries"));
  EXPECT_FALSE(matches("data_race:on")) << "only the word before (kind#n) is a name";
}

TEST(Suppressions, FirstMatchingRuleIsReported) {
  const auto s = weft::suppressions::parse("deadlock:*\ndata_race:*cache*\ndata_race:*\n", "r");
  const weft::suppression_rule* rule = s.match(race_at("cache.cpp", 1, ""));
  ASSERT_NE(rule, nullptr);
  EXPECT_EQ(rule->text, "data_race:*cache*");
}

// --- --detect ---------------------------------------------------------------
TEST(Detectors, MinusTurnsOffPlusTurnsOnBareKeepsOnly) {
  const auto off = weft::parse_detectors("-data_race,-lock_order_inversion");
  EXPECT_FALSE(off.enabled(finding_kind::data_race));
  EXPECT_FALSE(off.enabled(finding_kind::lock_order_inversion));
  EXPECT_TRUE(off.enabled(finding_kind::deadlock));

  const auto only = weft::parse_detectors("deadlock,+assertion");
  EXPECT_TRUE(only.enabled(finding_kind::deadlock));
  EXPECT_TRUE(only.enabled(finding_kind::assertion));
  EXPECT_FALSE(only.enabled(finding_kind::data_race));

  const auto all_but = weft::parse_detectors("-all,+misuse");
  EXPECT_TRUE(all_but.enabled(finding_kind::misuse));
  EXPECT_FALSE(all_but.enabled(finding_kind::livelock));
  EXPECT_TRUE(weft::parse_detectors("+all").all_enabled());
}

TEST(Detectors, UnknownOrEmptyItemsAreErrors) {
  EXPECT_THROW((void)weft::parse_detectors("-data_racer"), std::invalid_argument);
  EXPECT_THROW((void)weft::parse_detectors("-nondeterminism"), std::invalid_argument);  // replay's, not a detector
  EXPECT_THROW((void)weft::parse_detectors("-data_race,,-deadlock"), std::invalid_argument);
  EXPECT_THROW((void)weft::parse_detectors(""), std::invalid_argument);
}

// --- weft::check --------------------------------------------------------------

/// A race on x, then (in a later step of the same execution) an assertion
/// that fails on every execution: a suppressed race must not hide it.
void race_then_assertion() {
  weft::var<int> x{0};
  weft::thread a([&] { x.store(1); });
  weft::thread b([&] { x.store(2); });
  a.join();
  b.join();
  WEFT_ASSERT(false, "after the race");
}

void racy_counter() {
  weft::var<int> x{0};
  weft::thread a([&] { x.store(x.load() + 1); });
  weft::thread b([&] { x.store(x.load() + 1); });
  a.join();
  b.join();
}

TEST(CheckSuppressions, SuppressedRaceIsCountedNotReported) {
  weft::options o = weft::testing::random_budget(2000);
  const weft::result plain = weft::check(racy_counter, o);
  ASSERT_EQ(plain.findings.size(), 1u);
  ASSERT_EQ(plain.findings[0].kind, finding_kind::data_race);
  EXPECT_TRUE(plain.suppressed.empty());

  o.suppress = weft::suppressions::parse("data_race:suppressions_test.cpp:*\n", "r");
  const weft::result r = weft::check(racy_counter, o);
  EXPECT_TRUE(r.ok()) << r.findings.at(0).message;
  ASSERT_EQ(r.suppressed.size(), 1u) << "distinct findings are counted once";
  EXPECT_EQ(r.suppressed[0].kind, finding_kind::data_race);
  EXPECT_EQ(r.suppressed[0].details.back(), "suppressed by rule 'data_race:suppressions_test.cpp:*'");
  EXPECT_EQ(r.stats.executions, 2000u) << "a suppressed finding does not stop the run";
}

TEST(CheckSuppressions, ExecutionGoesOnAfterASuppressedRace) {
  weft::options o = weft::testing::random_budget(50);
  o.suppress = weft::suppressions::parse("data_race:*\n", "r");
  const weft::result r = weft::check(race_then_assertion, o);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].kind, finding_kind::assertion) << r.findings[0].message;
  EXPECT_EQ(r.suppressed.size(), 1u);
  // The printed schedule replays the assertion under the same options.
  const weft::result again = weft::replay(race_then_assertion, r.findings[0].schedule, o);
  ASSERT_EQ(again.findings.size(), 1u);
  EXPECT_EQ(again.findings[0].kind, finding_kind::assertion) << again.findings[0].message;
}

TEST(CheckSuppressions, OtherKindsSuppressedAndCountedWithJobs) {
  weft::options o = weft::testing::random_budget(400);
  o.jobs = 2;
  o.suppress = weft::suppressions::parse("assertion:*race_then_assertion*\ndata_race:*\n", "r");
  const weft::result r = weft::check(race_then_assertion, o);
  EXPECT_TRUE(r.ok()) << r.findings.at(0).message;
  EXPECT_EQ(r.suppressed.size(), 2u) << "the race and the assertion, each once across both workers";
}

TEST(CheckDetectors, DisabledDetectorReportsNothingAndCountsNothing) {
  weft::options o = weft::testing::random_budget(2000);
  o.detect.disable(finding_kind::data_race);
  const weft::result r = weft::check(racy_counter, o);
  EXPECT_TRUE(r.ok());
  EXPECT_TRUE(r.suppressed.empty());
  // The other detectors still report: the assertion after the race.
  o.iterations = 20;
  const weft::result after = weft::check(race_then_assertion, o);
  ASSERT_EQ(after.findings.size(), 1u);
  EXPECT_EQ(after.findings[0].kind, finding_kind::assertion);
}

// --- scenario names -----------------------------------------------------------
TEST(ScenarioNames, AnyPrintableNameWithFamilyShapeIsAllowed) {
  for (const char* ok : {"sct/WorkStealQueue", "a/b", "Fam-1.x/Name_2/v3", "q/x(1)", "c++/std::mutex", "ü/ß"}) {
    EXPECT_EQ(weft::name_problem(ok), "") << ok;
  }
}
TEST(ScenarioNames, GlobsWhitespaceControlAndShapeAreRejected) {
  EXPECT_NE(weft::name_problem("a/b*"), "");
  EXPECT_NE(weft::name_problem("a/b?"), "");
  EXPECT_NE(weft::name_problem("a/b c"), "");
  EXPECT_NE(weft::name_problem("a/b\tc"), "");
  EXPECT_NE(weft::name_problem("a/b\x01"), "");
  EXPECT_NE(weft::name_problem("noslash"), "");
  EXPECT_NE(weft::name_problem("/b"), "");
  EXPECT_NE(weft::name_problem("a/"), "");
  EXPECT_NE(weft::name_problem("-a/b"), "");
  EXPECT_NE(weft::name_problem(""), "");
}

TEST(ScenarioNames, RegistryRecordsBadAndDuplicateNamesInsteadOfThrowing) {
  weft::registry r;
  weft::scenario s;
  s.name = "sct/WorkStealQueue";
  s.seed_ref = "a.cpp:1";
  r.add(s);
  s.seed_ref = "a.cpp:2";
  r.add(s);  // duplicate
  s.name = "bad name/x";
  r.add(s);
  ASSERT_EQ(r.all().size(), 1u);
  ASSERT_EQ(r.errors().size(), 2u);
  EXPECT_NE(r.errors()[0].find("'sct/WorkStealQueue' (a.cpp:2)"), std::string::npos) << r.errors()[0];
  EXPECT_NE(r.errors()[0].find("already registered (a.cpp:1)"), std::string::npos) << r.errors()[0];
  EXPECT_NE(r.errors()[1].find("'bad name/x'"), std::string::npos) << r.errors()[1];
  EXPECT_NE(r.errors()[1].find(weft::name_rule), std::string::npos) << r.errors()[1];
  EXPECT_EQ(r.match({"sct/Work*Queue"}).size(), 1u);
  EXPECT_EQ(r.match({"sct/WorkStealQueu?"}).size(), 1u);
  EXPECT_EQ(r.match({"sct"}).size(), 1u);
}

}  // namespace
