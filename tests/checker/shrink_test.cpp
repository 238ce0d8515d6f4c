// Schedule shrinking: a finding's schedule is minimised by replay to the
// fewest preemptions (then steps) that still give the same finding; the
// shrunk schedule replays to it, the original stays in the finding, and
// options::shrink_seconds = 0 turns shrinking off.
#include <gtest/gtest.h>

#include <mutex>

#include "../support/classic_programs.hpp"
#include "weft/weft.hpp"

namespace {

void lost_update_of_three() {
  weft::atomic<int> count{0};
  auto inc = [&] { count.store(count.load() + 1); };
  weft::thread a(inc), b(inc), c(inc);
  a.join();
  b.join();
  c.join();
  WEFT_ASSERT(count.load() == 3);
}

weft::options random_walk(std::uint64_t seed) {
  weft::options o;
  o.strategy = weft::strategy_kind::random;
  o.seed = seed;
  o.iterations = 1000;
  return o;
}

/// The first seed whose unshrunk finding took at least `preemptions`
/// preemptions: random walk switches threads at most points, so one is near.
std::uint64_t seed_with_preemptions(const std::function<void()>& body, weft::options o, std::uint64_t preemptions) {
  o.shrink_seconds = 0;
  for (std::uint64_t seed = 1; seed < 100; ++seed) {
    o.seed = seed;
    const weft::result r = weft::check(body, o);
    if (!r.ok() && r.findings.front().preemptions >= preemptions) return seed;
  }
  ADD_FAILURE() << "no seed below 100 finds it with " << preemptions << " preemptions";
  return 1;
}

/// The finding replays from both its shrunk and its original schedule.
void expect_replays(const std::function<void()>& body, const weft::finding& f, const weft::options& o) {
  const weft::result shrunk = weft::replay(body, f.schedule, o);
  ASSERT_EQ(shrunk.findings.size(), 1u);
  EXPECT_EQ(shrunk.findings[0].kind, f.kind);
  EXPECT_EQ(shrunk.findings[0].locations, f.locations);
  EXPECT_EQ(shrunk.findings[0].preemptions, f.preemptions);
  EXPECT_EQ(shrunk.findings[0].trace, f.trace);
  const weft::result original = weft::replay(body, f.original_schedule, o);
  ASSERT_EQ(original.findings.size(), 1u);
  EXPECT_EQ(original.findings[0].kind, f.kind);
  EXPECT_EQ(original.findings[0].preemptions, f.original_preemptions);
}

TEST(ShrinkSchedule, LostUpdateNeedsOnePreemption) {
  weft::options o = random_walk(seed_with_preemptions(lost_update_of_three, random_walk(1), 3));
  const weft::result r = weft::check(lost_update_of_three, o);
  ASSERT_EQ(r.findings.size(), 1u);
  const weft::finding& f = r.findings[0];
  EXPECT_EQ(f.kind, weft::finding_kind::assertion);
  EXPECT_EQ(f.preemptions, 1u);  // load, switch, a whole increment, store
  EXPECT_FALSE(f.original_schedule.empty());
  EXPECT_NE(f.original_schedule, f.schedule);
  EXPECT_GE(f.original_preemptions, 3u);
  expect_replays(lost_update_of_three, f, o);
}

TEST(ShrinkSchedule, AbBaDeadlockNeedsOnePreemption) {
  weft::options o = random_walk(1);
  o.detect.disable(weft::finding_kind::lock_order_inversion);  // every run of ab_ba shows that one
  o = random_walk(seed_with_preemptions(weft::testing::ab_ba, o, 3));
  o.detect.disable(weft::finding_kind::lock_order_inversion);
  const weft::result r = weft::check(weft::testing::ab_ba, o);
  ASSERT_EQ(r.findings.size(), 1u);
  const weft::finding& f = r.findings[0];
  EXPECT_EQ(f.kind, weft::finding_kind::deadlock);
  EXPECT_EQ(f.preemptions, 1u);  // t1 holds a, switch: t2 takes b
  EXPECT_GE(f.original_preemptions, 3u);
  expect_replays(weft::testing::ab_ba, f, o);
}

TEST(ShrinkSchedule, IsDeterministic) {
  const weft::options o = random_walk(seed_with_preemptions(lost_update_of_three, random_walk(1), 3));
  const weft::result first = weft::check(lost_update_of_three, o);
  const weft::result second = weft::check(lost_update_of_three, o);
  ASSERT_FALSE(first.ok());
  EXPECT_EQ(first.findings, second.findings);
}

TEST(ShrinkSchedule, SupervisedShrinksInAChild) {
  weft::options o = random_walk(seed_with_preemptions(lost_update_of_three, random_walk(1), 3));
  o.supervised = true;
  const weft::result r = weft::check(lost_update_of_three, o);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].preemptions, 1u);
  EXPECT_FALSE(r.findings[0].original_schedule.empty());
  expect_replays(lost_update_of_three, r.findings[0], o);
}

TEST(ShrinkSchedule, ZeroSecondsKeepsTheScheduleFound) {
  weft::options o = random_walk(seed_with_preemptions(lost_update_of_three, random_walk(1), 3));
  o.shrink_seconds = 0;
  const weft::result r = weft::check(lost_update_of_three, o);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_TRUE(r.findings[0].original_schedule.empty());
  EXPECT_GE(r.findings[0].preemptions, 3u);  // counted all the same
  const weft::result again = weft::replay(lost_update_of_three, r.findings[0].schedule, o);
  EXPECT_EQ(again.findings.at(0).preemptions, r.findings[0].preemptions);
}

TEST(ShrinkSchedule, AMinimalScheduleIsKept) {
  // Found with no preemption at all (a lock-free sequential bug): nothing to shrink.
  const weft::result r = weft::check([] { WEFT_ASSERT(false, "always"); });
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].preemptions, 0u);
  EXPECT_TRUE(r.findings[0].original_schedule.empty());
}

TEST(ShrinkSchedule, BadShrinkTimeIsRejected) {
  weft::options o;
  o.shrink_seconds = -1;
  EXPECT_THROW(weft::check(lost_update_of_three, o), std::invalid_argument);
}

}  // namespace
