// The control suite, short budget: every correct program is clean under
// every strategy (weft::strategy_kind, all of them, so strategies added later
// are covered) with WEFT_CONTROL_EXECUTIONS executions each, and every buggy
// twin is found with one of its expected kinds. control_long_test.cpp runs
// the acceptance budget.
#include <algorithm>

#include "../support/weft_expect.hpp"
#include "programs.hpp"

namespace {

using control::all_programs;

std::string test_name(const ::testing::TestParamInfo<control::program>& info) { return info.param.name; }

class Correct : public ::testing::TestWithParam<control::program> {};
class BuggyTwin : public ::testing::TestWithParam<control::program> {};

TEST_P(Correct, CleanUnderEveryStrategy) {
  for (weft::strategy_kind s : weft::testing::all_strategies()) {
    control::expect_clean(GetParam(), s, WEFT_CONTROL_EXECUTIONS);
  }
}

TEST_P(BuggyTwin, FoundWithTheExpectedKind) {
  const control::program& p = GetParam();
  if (p.buggy == nullptr) GTEST_SKIP() << "no buggy twin";
  const weft::result r = weft::check(p.buggy, weft::testing::budget(20000));
  ASSERT_FALSE(r.ok()) << "the bug of " << p.name << "'s twin was not found";
  const weft::finding& f = r.findings.front();
  EXPECT_NE(std::find(p.bug_kinds.begin(), p.bug_kinds.end(), f.kind), p.bug_kinds.end())
      << weft::to_string(f.kind) << ": " << f.message;
  const weft::result again = weft::replay(p.buggy, f.schedule);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.findings.front().kind, f.kind) << again.findings.front().message;
}

INSTANTIATE_TEST_SUITE_P(Control, Correct, ::testing::ValuesIn(all_programs()), test_name);
INSTANTIATE_TEST_SUITE_P(Control, BuggyTwin, ::testing::ValuesIn(all_programs()), test_name);

TEST(ControlSuite, HasAtLeastTwentyFivePrograms) { EXPECT_GE(all_programs().size(), 25u); }

}  // namespace
