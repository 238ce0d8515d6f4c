// The strategies beyond random walk, PCT and DFS: POS re-orders racing
// operations, SURW samples interleavings uniformly, iterative preemption and
// delay bounding exhaust small spaces bound by bound and say how far they
// got, and the independence reduction removes choices without hiding races.
#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <stdexcept>
#include <vector>

#include "sched/strategy.hpp"
#include "weft/weft.hpp"

namespace {

using weft::strategy_kind;

TEST(PendingOps, ConflictNeedsTheSameObjectAndAWrite) {
  using weft::detail::access;
  using weft::detail::conflicts;
  int x = 0, y = 0;
  EXPECT_TRUE(conflicts({&x, access::write}, {&x, access::read}));
  EXPECT_TRUE(conflicts({&x, access::sync}, {&x, access::sync}));
  EXPECT_FALSE(conflicts({&x, access::read}, {&x, access::read}));
  EXPECT_FALSE(conflicts({&x, access::write}, {&y, access::write}));
  EXPECT_TRUE(conflicts({&x, access::read}, {nullptr, access::any}));  // not started, yield
  EXPECT_FALSE(conflicts({&x, access::write}, {nullptr, access::none}));  // finished
}

// Thread a does `long_steps` pairs of steps, thread b two; returns the share
// of executions in which b finished before a's second step: rare among the
// interleavings, but half of a random walk's executions.
double share_b_first(strategy_kind s, int long_steps, std::uint64_t runs) {
  std::uint64_t b_first = 0, total = 0;
  weft::options o;
  o.strategy = s;
  o.iterations = runs;
  const weft::result r = weft::check([&] {
    weft::atomic<int> a_done{0};
    bool first = false;
    weft::atomic<int> shared{0};
    weft::thread a([&] {
      for (int i = 0; i < long_steps; ++i) {
        shared.store(1);
        a_done.fetch_add(1);
      }
    });
    weft::thread b([&] {
      shared.store(2);
      first = a_done.load() == 0;
    });
    a.join();
    b.join();
    b_first += first ? 1 : 0;
    ++total;
  }, o);
  EXPECT_TRUE(r.ok());
  return static_cast<double>(b_first) / static_cast<double>(total);
}

TEST(Surw, SamplesInterleavingsUniformlyUnlikeARandomWalk) {
  const double surw = share_b_first(strategy_kind::surw, 10, 3000);
  const double walk = share_b_first(strategy_kind::random, 10, 3000);
  EXPECT_GT(walk, 0.35);  // the walk puts b early: about 1/2
  // Uniform: b's two steps both before a's second one in 3 of the C(22, 2)
  // interleavings (about 0.013; the estimates are not exact).
  EXPECT_LT(surw, 0.1);
}

// Thread b's store must land between a's two loads: one preemption of a.
void window_bug() {
  weft::atomic<int> x{0};
  weft::thread a([&] {
    const int first = x.load();
    const int second = x.load();
    WEFT_ASSERT(first == second, "x changed between two loads");
  });
  weft::thread b([&] { x.store(1); });
  a.join();
  b.join();
}

TEST(Pos, FindsAnOrderingBugOfDepthTwo) {
  weft::options o;
  o.strategy = strategy_kind::pos;
  o.iterations = 2000;
  const weft::result r = weft::check(window_bug, o);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].kind, weft::finding_kind::assertion);
}

// Two threads, two stores each to one atomic: six interleavings.
std::set<std::vector<int>> interleavings(weft::options o, weft::result& r) {
  std::set<std::vector<int>> orders;
  std::vector<int> order;
  r = weft::check([&] {
    order.clear();
    weft::atomic<int> x{0};
    auto body = [&](int id) {
      for (int i = 0; i < 2; ++i) {
        x.store(id);
        order.push_back(id);
      }
    };
    weft::thread a(body, 1), b(body, 2);
    a.join();
    b.join();
    orders.insert(order);
  }, o);
  return orders;
}

TEST(IterativeBounding, ExhaustsTheSpaceBoundByBound) {
  for (const auto s : {strategy_kind::ipb, strategy_kind::idb}) {
    weft::options o;
    o.strategy = s;
    o.iterations = 100000;
    weft::result r;
    const auto orders = interleavings(o, r);
    EXPECT_TRUE(r.ok());
    EXPECT_TRUE(r.stats.exhausted) << to_string(s);
    EXPECT_EQ(orders.size(), 6u) << to_string(s);
    EXPECT_GE(r.stats.completed_bound, 1) << to_string(s) << ": the six orders need at least one preemption/delay";
  }
}

TEST(IterativeBounding, ABudgetStopsInsideABoundAndSaysWhichAreDone) {
  weft::options o;
  o.strategy = strategy_kind::ipb;
  o.iterations = 3;  // bound 0 has fewer schedules than this; bound 1 more
  weft::result r;
  interleavings(o, r);
  EXPECT_FALSE(r.stats.exhausted);
  EXPECT_EQ(r.stats.completed_bound, 0);
}

TEST(IterativeBounding, FindsABugNeedingOnePreemptionOrDelay) {
  for (const auto s : {strategy_kind::ipb, strategy_kind::idb}) {
    weft::options o;
    o.strategy = s;
    o.iterations = 1000;
    const weft::result r = weft::check(window_bug, o);
    ASSERT_EQ(r.findings.size(), 1u) << to_string(s);
    EXPECT_EQ(r.findings[0].kind, weft::finding_kind::assertion);
  }
}

/// Every schedule a systematic search explores over a synthetic program:
/// three decisions among threads {0, 1, 2}, the current one being the last
/// chosen, then a value choice of 2. With `hand_on`, each execution runs in
/// a fresh strategy resumed from the previous one's saved state, as weft exec
/// runs each in a process of its own.
std::vector<std::vector<std::uint64_t>> searched(std::unique_ptr<weft::detail::strategy> (*make)(), bool hand_on) {
  std::vector<std::vector<std::uint64_t>> schedules;
  std::unique_ptr<weft::detail::strategy> s = make();
  const std::vector<std::uint32_t> enabled{0, 1, 2};
  for (std::uint64_t i = 0; i < 10'000 && s->begin_execution(i); ++i) {
    std::vector<std::uint64_t> schedule;
    std::uint32_t current = 0;
    for (int d = 0; d < 3; ++d) schedule.push_back(current = s->pick_thread(enabled, current, {}));
    schedule.push_back(s->pick_value(2));
    s->end_execution(schedule.size(), {});
    schedules.push_back(schedule);
    if (s->exhausted()) break;
    if (hand_on) {
      const std::string state = s->saved_state();
      s = make();
      s->restore_state(state);
    }
  }
  return schedules;
}

TEST(SystematicSearch, ResumedFromItsSavedStateExploresTheSameSchedules) {
  // DFS visits each schedule within its bound once; the iterative searches
  // visit all 3^3 * 2 = 54, those of lower bounds again at each new bound.
  const auto dfs = searched(
      +[] { return weft::detail::make_dfs_strategy(1); }, false);
  EXPECT_EQ(dfs, searched(
                     +[] { return weft::detail::make_dfs_strategy(1); }, true));
  EXPECT_GT(dfs.size(), 10u);
  EXPECT_EQ(std::set(dfs.begin(), dfs.end()).size(), dfs.size()) << "a schedule explored twice";
  for (auto make : {&weft::detail::make_ipb_strategy, &weft::detail::make_idb_strategy}) {
    const auto in_one = searched(make, false);
    EXPECT_EQ(in_one, searched(make, true));
    EXPECT_EQ(std::set(in_one.begin(), in_one.end()).size(), 54u);
  }
  EXPECT_THROW(weft::detail::make_ipb_strategy()->restore_state("bounded-search 1 0 0 -1 1 5 0 0 0 2 0 1"),
               std::invalid_argument);  // chose option 5 of 2
  EXPECT_THROW(weft::detail::make_dfs_strategy(2)->restore_state("garbage"), std::invalid_argument);
  EXPECT_EQ(weft::detail::make_random_strategy(1)->saved_state(), "");  // nothing to hand on
}

// Code that does not behave the same under the same schedule (it reads real
// time, or addresses): here the enabled threads and the value's range
// change from one execution to the next. A systematic search replaying its
// prefix must still pick only enabled threads and values in range (it
// replayed a finished thread's choice, a crash under weft exec with Qt's
// thread pool), and still end.
TEST(SystematicSearch, CodeThatGoesAnotherWayGetsOnlyEnabledChoices) {
  for (auto make : {+[] { return weft::detail::make_dfs_strategy(2); }, +[] { return weft::detail::make_ipb_strategy(); },
                    +[] { return weft::detail::make_idb_strategy(); }}) {
    std::unique_ptr<weft::detail::strategy> s = make();
    std::uint64_t executions = 0;
    for (std::uint64_t i = 0; i < 10'000 && s->begin_execution(i); ++i, ++executions) {
      const std::vector<std::uint32_t> enabled = i % 2 == 0 ? std::vector<std::uint32_t>{0, 1, 2}
                                                            : std::vector<std::uint32_t>{0, 3};
      std::uint32_t current = 0;
      for (int d = 0; d < 3; ++d) {
        current = s->pick_thread(enabled, current, {});
        ASSERT_NE(std::find(enabled.begin(), enabled.end(), current), enabled.end()) << "execution " << i;
      }
      const std::uint64_t bound = 2 + i % 3;
      ASSERT_LT(s->pick_value(bound), bound) << "execution " << i;
      s->end_execution(4, {});
      if (s->exhausted()) break;
    }
    EXPECT_LT(executions, 10'000u) << "the search never ended";
  }
}

TEST(SkipIndependent, PrivateWorkIsNoChoiceButRacesStillAre) {
  // Two threads doing private work: the reduction leaves far fewer
  // schedules for DFS to exhaust.
  auto private_work = [] {
    weft::atomic<int> mine_a{0}, mine_b{0};
    weft::thread a([&] {
      for (int i = 0; i < 4; ++i) mine_a.fetch_add(1);
    });
    weft::thread b([&] {
      for (int i = 0; i < 4; ++i) mine_b.fetch_add(1);
    });
    a.join();
    b.join();
  };
  weft::options o;
  o.strategy = strategy_kind::dfs;
  o.preemption_bound = 100;
  o.iterations = 100000;
  const weft::result full = weft::check(private_work, o);
  o.skip_independent_points = true;
  const weft::result reduced = weft::check(private_work, o);
  ASSERT_TRUE(full.stats.exhausted);
  ASSERT_TRUE(reduced.stats.exhausted);
  EXPECT_LT(reduced.stats.executions * 5, full.stats.executions)
      << reduced.stats.executions << " vs " << full.stats.executions;
  // The racing loads and store of window_bug conflict: still found.
  const weft::result r = weft::check(window_bug, o);
  ASSERT_EQ(r.findings.size(), 1u);
}

// The warm-up's profile, as weft exec hands it from process to process:
// merged in any order to the same largest measures, and back from its text.
TEST(ExecutionProfile, MergesToTheLargestAndRoundTripsAsText) {
  weft::detail::execution_profile a, b;
  a.longest = 40;
  a.thread_steps = {10, 30};
  b.longest = 25;
  b.thread_steps = {12, 5, 8};
  weft::detail::execution_profile ab = a, ba = b;
  ab.merge(b);
  ba.merge(a);
  EXPECT_EQ(ab.longest, 40u);
  EXPECT_EQ(ab.thread_steps, (std::vector<std::uint64_t>{12, 30, 8}));
  EXPECT_EQ(ba.longest, ab.longest);
  EXPECT_EQ(ba.thread_steps, ab.thread_steps);
  const weft::detail::execution_profile back = weft::detail::execution_profile::from_text(ab.to_text());
  EXPECT_EQ(back.longest, ab.longest);
  EXPECT_EQ(back.thread_steps, ab.thread_steps);
  EXPECT_THROW(weft::detail::execution_profile::from_text(""), std::invalid_argument);
  EXPECT_THROW(weft::detail::execution_profile::from_text("12 x"), std::invalid_argument);
}

}  // namespace
