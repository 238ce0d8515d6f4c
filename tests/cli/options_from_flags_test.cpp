// weft::cli::options_from_flags: the scheduler flags an instrumented program
// gets from `weft exec` (WEFT_EXEC_REQUEST) give the options `weft run` would
// run with; a bad flag is one input_error line. This program links weft_cli
// without weft::main or any scenario: what the instrumentation runtime links.
#include <gtest/gtest.h>

#include "common.hpp"
#include "scheduler_flags.hpp"

namespace weft::cli {
namespace {

TEST(OptionsFromFlags, NoFlagsAreTheCommandLineDefaults) {
  const options o = options_from_flags({});
  EXPECT_EQ(o.strategy, options{}.strategy);
  EXPECT_EQ(o.iterations, 20'000u);  // the command line's, not the library's
  EXPECT_TRUE(o.supervised);
}

TEST(OptionsFromFlags, EachSpellingOfWeftRun) {
  const options o =
      options_from_flags({"--strategy", "pct", "-n", "500", "--seed=9", "--time", "2.5", "--jobs=3", "--keep-going",
                          "--max-steps", "1000", "--memory-model=sc", "--detect=-data_race"});
  EXPECT_EQ(o.strategy, strategy_kind::pct);
  EXPECT_EQ(o.iterations, 500u);
  EXPECT_EQ(o.seed, 9u);
  EXPECT_DOUBLE_EQ(o.time_budget_seconds, 2.5);
  EXPECT_EQ(o.jobs, 3u);
  EXPECT_TRUE(o.keep_going);
  EXPECT_EQ(o.max_steps, 1000u);
  EXPECT_EQ(o.memory_model, memory_model::sc);
  EXPECT_FALSE(o.detect.enabled(finding_kind::data_race));
  EXPECT_TRUE(o.detect.enabled(finding_kind::deadlock));
}

void expect_refused(const std::vector<std::string>& flags, const std::string& needle) {
  try {
    options_from_flags(flags);
    ADD_FAILURE() << "accepted " << flags.front();
  } catch (const input_error& e) {
    const std::string what = e.what();
    EXPECT_NE(what.find(needle), std::string::npos) << what;
    EXPECT_EQ(what.find('\n'), std::string::npos) << what;
  }
}

TEST(OptionsFromFlags, BadFlagsAreOneLineInputErrors) {
  expect_refused({"--strategy", "bogus"}, "unknown strategy 'bogus'");
  expect_refused({"--iterations", "0"}, "--iterations");
  expect_refused({"--no-such-flag"}, "--no-such-flag");
  expect_refused({"stray"}, "stray");
  expect_refused({"--help"}, "--help");
  expect_refused({"--detect=-no_such_kind"}, "no_such_kind");
  expect_refused({"--seed"}, "--seed");
}

}  // namespace
}  // namespace weft::cli
