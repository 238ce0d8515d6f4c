// Finding sub-kinds (weft::finding_subkind, "misuse/relock"): the one table
// of spellings, the JSON codec carrying them, and a user turning off or
// suppressing one sub-kind while the kind's others are still reported.
// Each sub-kind raised on its buggy program, with the correct twin clean, is
// in the test of its primitive (primitives/*_test.cpp, progress_test.cpp).
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "../support/weft_expect.hpp"
#include "weft/result_json.hpp"
#include "weft/weft.hpp"

namespace {

using weft::finding_kind;
using weft::finding_subkind;

// --- the tables -----------------------------------------------------------------
TEST(Kinds, EachHasOneSpellingThatReadsBackAndASentence) {
  std::set<std::string> names, sentences;
  ASSERT_FALSE(weft::all_finding_kinds().empty());
  for (const finding_kind k : weft::all_finding_kinds()) {
    const std::string name(weft::to_string(k));
    EXPECT_NE(name, "unknown");
    EXPECT_EQ(weft::finding_kind_from_string(name), k) << name;
    EXPECT_TRUE(names.insert(name).second) << "spelled twice: " << name;
    const std::string sentence(weft::describe(k));
    EXPECT_TRUE(!sentence.empty() && sentence.back() == '.') << name << ": " << sentence;
    EXPECT_TRUE(sentences.insert(sentence).second) << "one sentence for two kinds: " << sentence;
  }
  EXPECT_EQ(weft::to_string(finding_kind::lost_wakeup), "lost_wakeup");
  EXPECT_FALSE(weft::finding_kind_from_string("misuse/relock")) << "a sub-kind is not a kind";
}

TEST(Subkinds, EachIsSpelledKindSlashNameAndReadsBack) {
  std::set<std::string> names;
  ASSERT_FALSE(weft::all_finding_subkinds().empty());
  for (const finding_subkind s : weft::all_finding_subkinds()) {
    const std::string name(weft::to_string(s));
    EXPECT_EQ(name.rfind(std::string(weft::to_string(weft::kind_of(s))) + "/", 0), 0u) << name;
    EXPECT_EQ(weft::finding_subkind_from_string(name), s) << name;
    EXPECT_FALSE(weft::describe(s).empty()) << name;
    EXPECT_TRUE(names.insert(name).second) << "spelled twice: " << name;
  }
  EXPECT_EQ(weft::to_string(finding_subkind::relock), "misuse/relock");
  EXPECT_FALSE(weft::finding_subkind_from_string("relock")) << "a sub-kind is spelled with its kind";
  EXPECT_FALSE(weft::finding_subkind_from_string("misuse"));
  EXPECT_EQ(weft::to_string(finding_subkind::none), "");
}

TEST(Subkinds, AFindingIsNamedByItsSubkindWhenItHasOne) {
  weft::finding f;
  f.kind = finding_kind::misuse;
  EXPECT_EQ(weft::kind_name(f), "misuse");
  f.subkind = finding_subkind::over_release;
  EXPECT_EQ(weft::kind_name(f), "misuse/over_release");
}

// --- JSON -----------------------------------------------------------------------
weft::finding relock_finding() {
  weft::finding f;
  f.kind = finding_kind::misuse;
  f.subkind = finding_subkind::relock;
  f.message = "thread 1 locks mutex#0, which it already holds";
  return f;
}

std::string error_reading(const nlohmann::json& finding_json) {
  try {
    (void)weft::finding_from_json({finding_json, "f"});
  } catch (const weft::malformed_json& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(SubkindJson, ASubkindReadsBackEqual) {
  const weft::finding f = relock_finding();
  const nlohmann::json j = weft::to_json(f);
  EXPECT_EQ(j.at("kind"), "misuse") << "CI filters on the kind: it stays";
  EXPECT_EQ(j.at("subkind"), "misuse/relock");
  EXPECT_EQ(weft::finding_from_json({j, ""}), f);
}

TEST(SubkindJson, NoSubkindIsAbsentAndAnOldReportLoads) {
  weft::finding f = relock_finding();
  f.subkind = finding_subkind::none;
  EXPECT_FALSE(weft::to_json(f).contains("subkind"));
  const nlohmann::json old = {{"kind", "misuse"}, {"message", "thread 1 joined twice"}};  // before sub-kinds
  const weft::finding read = weft::finding_from_json({old, ""});
  EXPECT_EQ(read.kind, finding_kind::misuse);
  EXPECT_EQ(read.subkind, finding_subkind::none);
}

TEST(SubkindJson, UnknownOrForeignSubkindsAreErrors) {
  nlohmann::json j = weft::to_json(relock_finding());
  j["subkind"] = "misuse/gremlin";
  EXPECT_EQ(error_reading(j), "f.subkind: unknown finding sub-kind 'misuse/gremlin'");
  j["subkind"] = "misuse/relock";
  j["kind"] = "deadlock";
  EXPECT_EQ(error_reading(j), "f.subkind: 'misuse/relock' is not a sub-kind of deadlock");
  j["kind"] = "misuse";
  j["subkind"] = 3;
  EXPECT_EQ(error_reading(j), "f.subkind: expected a finding sub-kind, found number");
}

// --- --detect and suppressions ----------------------------------------------------
void relock() {
  weft::mutex m;
  m.lock();
  m.lock();  // BUG: misuse/relock
}

void over_release() {
  weft::binary_semaphore s{1};
  s.release();  // BUG: misuse/over_release
}

TEST(SubkindDetectors, MinusASubkindTurnsOffOnlyIt) {
  const auto set = weft::parse_detectors("-misuse/relock");
  EXPECT_TRUE(set.enabled(finding_kind::misuse));
  EXPECT_FALSE(set.enabled(finding_subkind::relock));
  EXPECT_TRUE(set.enabled(finding_subkind::over_release));

  weft::options o = weft::testing::random_budget(20);
  o.detect = set;
  EXPECT_TRUE(weft::check(relock, o).ok());
  const weft::result r = weft::check(over_release, o);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].subkind, finding_subkind::over_release);
}

TEST(SubkindDetectors, BareOrPlusSubkindKeepsOnlyIt) {
  weft::finding relocked = relock_finding();
  weft::finding released = relock_finding();
  released.subkind = finding_subkind::over_release;
  weft::finding plain_misuse = relock_finding();  // Relacy's unclassified misuse
  plain_misuse.subkind = finding_subkind::none;
  for (const char* spec : {"misuse/relock", "-misuse,+misuse/relock"}) {
    SCOPED_TRACE(spec);
    const auto set = weft::parse_detectors(spec);
    EXPECT_TRUE(set.reports(relocked));
    EXPECT_FALSE(set.reports(released));
    EXPECT_TRUE(set.reports(plain_misuse)) << "the kind is on, and a finding without a sub-kind is the kind's";
  }
  EXPECT_FALSE(weft::parse_detectors("misuse/relock").enabled(finding_kind::data_race));
  EXPECT_TRUE(weft::parse_detectors("-misuse,+misuse").reports(released)) << "+kind turns its sub-kinds back on";
}

TEST(SubkindDetectors, UnknownSubkindIsAnErrorListingThem) {
  try {
    (void)weft::parse_detectors("-misuse/relok");
    ADD_FAILURE() << "accepted";
  } catch (const std::invalid_argument& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find("unknown detector 'misuse/relok'"), std::string::npos) << what;
    EXPECT_NE(what.find("misuse/relock"), std::string::npos) << "the message lists the sub-kinds: " << what;
  }
}

TEST(SubkindSuppressions, ARuleForOneSubkindSuppressesOnlyIt) {
  weft::options o = weft::testing::random_budget(20);
  o.suppress = weft::suppressions::parse("misuse/over_release:*\n", "r");
  ASSERT_EQ(o.suppress.rules().size(), 1u);
  EXPECT_EQ(o.suppress.rules()[0].kind, finding_kind::misuse);
  EXPECT_EQ(o.suppress.rules()[0].subkind, finding_subkind::over_release);

  const weft::result suppressed = weft::check(over_release, o);
  EXPECT_TRUE(suppressed.ok()) << suppressed.findings.at(0).message;
  ASSERT_EQ(suppressed.suppressed.size(), 1u);
  EXPECT_EQ(suppressed.suppressed[0].subkind, finding_subkind::over_release);

  const weft::result reported = weft::check(relock, o);
  ASSERT_EQ(reported.findings.size(), 1u) << "another misuse is still reported";
  EXPECT_EQ(reported.findings[0].subkind, finding_subkind::relock);
  EXPECT_TRUE(reported.suppressed.empty());
}

TEST(SubkindSuppressions, ARuleForTheKindSuppressesEverySubkind) {
  weft::options o = weft::testing::random_budget(20);
  o.suppress = weft::suppressions::parse("misuse:*\n", "r");
  EXPECT_TRUE(weft::check(over_release, o).ok());
  EXPECT_TRUE(weft::check(relock, o).ok());
}

TEST(SubkindSuppressions, UnknownSubkindIsALineError) {
  try {
    (void)weft::suppressions::parse("misuse/gremlin:*\n", "supp.txt");
    ADD_FAILURE() << "accepted";
  } catch (const std::invalid_argument& e) {
    EXPECT_EQ(std::string(e.what()).rfind("supp.txt:1: unknown finding kind 'misuse/gremlin'", 0), 0u) << e.what();
  }
}

}  // namespace
