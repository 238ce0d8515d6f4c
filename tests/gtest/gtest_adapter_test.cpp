// weft/gtest.hpp: a buggy body fails the gtest assertion with kind, trace
// and replay line; a correct one passes; WEFT_REPLAY replays one schedule.
#include <gtest/gtest-spi.h>
#include <stdlib.h>

#include <mutex>
#include <regex>
#include <string>

#include "weft/gtest.hpp"
#include "weft/weft.hpp"

namespace {

void two_increments(bool locked) {
  weft::mutex m;
  weft::var<int> count{0};
  auto increment = [&] {
    std::unique_lock guard(m, std::defer_lock);
    if (locked) guard.lock();
    count = count.load() + 1;
  };
  weft::thread a(increment);
  weft::thread b(increment);
  a.join();
  b.join();
  WEFT_ASSERT(count.load() == 2, "an increment was lost");
}
void racy() { two_increments(false); }
void locked() { two_increments(true); }

void assert_racy_with_options() { ASSERT_WEFT_CLEAN(racy, weft::options{.iterations = 500, .seed = 7}); }

TEST(WeftGtest, RacyBodyFailsWithKindTraceAndReplayLine) {
  EXPECT_NONFATAL_FAILURE(EXPECT_WEFT_CLEAN(racy), "data_race");
  EXPECT_NONFATAL_FAILURE(EXPECT_WEFT_CLEAN(racy), "trace (");
  EXPECT_NONFATAL_FAILURE(EXPECT_WEFT_CLEAN(racy), "--gtest_filter=WeftGtest.RacyBodyFailsWithKindTraceAndReplayLine");
}

TEST(WeftGtest, AssertIsFatalAndTakesOptions) { EXPECT_FATAL_FAILURE(assert_racy_with_options(), "replay: WEFT_REPLAY="); }

TEST(WeftGtest, CorrectBodyPasses) {
  EXPECT_WEFT_CLEAN(locked);
  const int increments = 2, expected = 2;  // a lambda with commas needs no extra parentheses
  ASSERT_WEFT_CLEAN([] {
    weft::atomic<int> n{0};
    weft::thread a([&] { n.fetch_add(1, std::memory_order_relaxed); }), b([&] { n.fetch_add(1); });
    a.join(), b.join();
    WEFT_ASSERT(n.load() == 2);
  }, weft::options{.iterations = 200});
  EXPECT_EQ(increments, expected);
}

// The replay line's WEFT_REPLAY=LINE:SCHEDULE makes the check at that line run
// exactly that schedule: one execution, the same finding.
TEST(WeftGtest, ReplayVariableRunsThatOneSchedule) {
  const ::testing::AssertionResult found = weft::gtest::clean(racy);
  ASSERT_FALSE(found);
  std::smatch m;
  const std::string message = found.message();
  ASSERT_TRUE(std::regex_search(message, m, std::regex("WEFT_REPLAY='([0-9]+:[^']+)'"))) << message;
  ::setenv("WEFT_REPLAY", m[1].str().c_str(), 1);
  const ::testing::AssertionResult replayed = weft::gtest::clean(racy);
  ::unsetenv("WEFT_REPLAY");
  ASSERT_FALSE(replayed);
  EXPECT_NE(std::string(replayed.message()).find("in 1 executions"), std::string::npos) << replayed.message();
  EXPECT_NE(std::string(replayed.message()).find("data_race"), std::string::npos) << replayed.message();
}

TEST(WeftGtest, MalformedReplayScheduleIsAFailureNotACrash) {
  const std::string line = std::to_string(__LINE__ + 2);
  ::setenv("WEFT_REPLAY", (line + ":not-a-schedule").c_str(), 1);
  const ::testing::AssertionResult r = weft::gtest::clean(locked);
  ::unsetenv("WEFT_REPLAY");
  ASSERT_FALSE(r);
  EXPECT_NE(std::string(r.message()).find("WEFT_REPLAY"), std::string::npos) << r.message();
}

}  // namespace

// A whole test under the scheduler: passes for the correct body. The racy one
// is disabled here; gtest_adapter_cli_test.sh runs it as a subprocess.
WEFT_TEST(WeftTest, LockedIncrementsAreClean) { locked(); }
WEFT_TEST(WeftTest, DISABLED_RacyIncrements) { racy(); }
