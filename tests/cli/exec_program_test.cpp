// weft::cli's reading of a GoogleTest listing (exec_program.hpp): the tests
// `weft exec` checks one by one, from what `PROGRAM --gtest_list_tests`
// prints (plain, value-parameterized and typed names, with their comments;
// the program's own output around it; disabled tests), and the user's
// --gtest_filter taken out of the arguments.
#include <gtest/gtest.h>

#include "exec_program.hpp"

namespace weft::cli {
namespace {

using names = std::vector<std::string>;

TEST(GtestListing, PlainParameterizedAndTypedNames) {
  const std::string listing =
      "Running main() from ./googletest/src/gtest_main.cc\n"
      "Counter.\n"
      "  LockedIncrements\n"
      "  RacyIncrements\n"
      "Stores/0.  # TypeParam = int\n"
      "  LockedStores\n"
      "Param/CounterByStep.\n"
      "  LockedAdds/0  # GetParam() = 1\n"
      "  LockedAdds/1  # GetParam() = (\"a b\", 7)\n";
  EXPECT_EQ(parse_gtest_listing(listing, false),
            (names{"Counter.LockedIncrements", "Counter.RacyIncrements", "Stores/0.LockedStores",
                   "Param/CounterByStep.LockedAdds/0", "Param/CounterByStep.LockedAdds/1"}));
}

TEST(GtestListing, WhatTheProgramPrintsItselfIsNotATest) {
  const std::string listing =
      "setting up the fixture.\n"  // its first word does not end with '.': not a suite
      "  indented chatter\n"       // outside a suite
      "Suite.\r\n"
      "  Name\r\n"
      "\n"                         // ends the suite
      "  after a blank line\n";
  EXPECT_EQ(parse_gtest_listing(listing, false), (names{"Suite.Name"}));
}

TEST(GtestListing, DisabledTestsOnlyWhenAsked) {
  const std::string listing =
      "Suite.\n  Runs\n  DISABLED_Skipped\n"
      "DISABLED_Suite.\n  Skipped\n"
      "Prefix/DISABLED_Param.\n  Skipped/0  # GetParam() = 1\n";
  EXPECT_EQ(parse_gtest_listing(listing, false), (names{"Suite.Runs"}));
  EXPECT_EQ(parse_gtest_listing(listing, true).size(), 4u);
}

TEST(GtestListing, TheUsersFilterIsTakenOut) {
  EXPECT_EQ(without_gtest_filter({"./t", "--gtest_filter=A.*", "x", "--gtest_repeat=2", "--gtest_filter=B.*"}),
            (names{"./t", "x", "--gtest_repeat=2"}));
}

TEST(Catch2Listing, EveryLineANameAndAHashNameUnquoted) {
  EXPECT_EQ(parse_catch2_listing("queue drains\r\n\nsums, [x] and *y*\n\"#42 issue\"\n"),
            (names{"queue drains", "sums, [x] and *y*", "#42 issue"}));
  EXPECT_TRUE(parse_catch2_listing("").empty());
}

TEST(Catch2Listing, ATestSpecEscapesWhatCatch2GivesAMeaning) {
  EXPECT_EQ(catch2_test_spec("queue drains"), "queue drains");
  EXPECT_EQ(catch2_test_spec(R"(a, [b] *c* ~d "e" \f)"), R"(a\, \[b] \*c\* \~d \"e\" \\f)");
}

TEST(DoctestListing, TheNamesBetweenTheRules) {
  const std::string listing =
      "[doctest] doctest version is \"2.4.9\"\n"
      "===============================================================================\n"
      "[doctest] listing all test case names\n"
      "===============================================================================\n"
      "locked counter\r\n"
      "sums, *stars*\n"
      "===============================================================================\n"
      "[doctest] unskipped test cases passing the current filters: 2\n";
  EXPECT_EQ(parse_doctest_listing(listing), (names{"locked counter", "sums, *stars*"}));
  EXPECT_TRUE(parse_doctest_listing("no listing here\n").empty());
}

TEST(DoctestListing, AFilterEscapesCommasAndWildcardsABackslash) {
  EXPECT_EQ(doctest_test_filter("locked counter"), "locked counter");
  EXPECT_EQ(doctest_test_filter(R"(a, *b* \c)"), R"(a\, *b* ?c)");
}

}  // namespace
}  // namespace weft::cli
