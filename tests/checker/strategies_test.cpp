// Strategies: bounded DFS exhausts small spaces and counts them right; PCT
// finds a depth-2 ordering bug; random walk stays within enabled threads.
#include <gtest/gtest.h>

#include <functional>
#include <set>

#include "weft/weft.hpp"

namespace {

TEST(Dfs, TwoThreadsTwoStepsEachHaveSixInterleavings) {
  // Each thread does two atomic stores: C(4,2) = 6 interleavings of the
  // four scheduling points when preemptions are unbounded.
  std::set<std::vector<int>> orders;
  std::vector<int> order;
  weft::options o;
  o.strategy = weft::strategy_kind::dfs;
  o.preemption_bound = 100;
  o.iterations = 100000;
  const weft::result r = weft::check([&] {
    order.clear();
    weft::atomic<int> x{0};
    weft::thread a([&] {
      x.store(1);
      order.push_back(1);
      x.store(1);
      order.push_back(1);
    });
    weft::thread b([&] {
      x.store(2);
      order.push_back(2);
      x.store(2);
      order.push_back(2);
    });
    a.join();
    b.join();
    orders.insert(order);
  }, o);
  EXPECT_TRUE(r.ok());
  EXPECT_TRUE(r.stats.exhausted) << r.stats.executions << " executions";
  EXPECT_EQ(r.stats.diverged, 0u) << "deterministic code follows every replayed prefix";
  EXPECT_EQ(orders.size(), 6u);
}

/// Two threads, each doing `steps` atomic stores.
void two_storing_threads(int steps_a, int steps_b) {
  weft::atomic<int> x{0};
  weft::thread a([&] {
    for (int i = 0; i < steps_a; ++i) x.store(1);
  });
  weft::thread b([&] {
    for (int i = 0; i < steps_b; ++i) x.store(2);
  });
  a.join();
  b.join();
}

constexpr weft::strategy_kind systematic[] = {weft::strategy_kind::dfs, weft::strategy_kind::ipb,
                                              weft::strategy_kind::idb};

/// `body` under systematic search `s`, with room to finish the search.
weft::result search(weft::strategy_kind s, const std::function<void()>& body) {
  weft::options o;
  o.strategy = s;
  o.preemption_bound = 100;
  o.iterations = 100000;
  return weft::check(body, o);
}

// Code that does not behave the same under the same schedule (here: it keeps
// a count across executions, as code reading the clock or a static cache
// does) walks the search down paths it did not record. The search still
// ends, but it must not say it covered the space.
TEST(Dfs, CodeThatChangesFromOneExecutionToTheNextGetsNoExhaustiveClaim) {
  for (const auto s : systematic) {
    int executions = 0;
    const weft::result r = search(s, [&] { two_storing_threads(1 + (executions++ % 3), 2); });
    EXPECT_TRUE(r.ok()) << to_string(s);
    EXPECT_GT(r.stats.diverged, 0u) << to_string(s);
    EXPECT_FALSE(r.stats.exhausted) << to_string(s);
    EXPECT_EQ(r.stats.completed_bound, -1) << to_string(s);
    EXPECT_LT(r.stats.executions, 100000u) << to_string(s) << ": the search still ends";
    // Where it first went another way: an execution of the search, a thread
    // at one of its operations in this file, what was recorded and what is now.
    EXPECT_GE(r.stats.first_divergence_execution, 2u) << to_string(s) << ": the first execution replays nothing";
    EXPECT_LE(r.stats.first_divergence_execution, r.stats.executions) << to_string(s);
    EXPECT_NE(r.stats.first_divergence.find("strategies_test.cpp:"), std::string::npos)
        << to_string(s) << ": " << r.stats.first_divergence;
    EXPECT_NE(r.stats.first_divergence.find("recorded"), std::string::npos) << r.stats.first_divergence;
    EXPECT_NE(r.stats.first_divergence.find("; now "), std::string::npos) << r.stats.first_divergence;
  }
}

// The same shape run deterministically: every prefix replays, the claim stands.
TEST(Dfs, TheSameCodeRunDeterministicallyIsExhausted) {
  for (const auto s : systematic) {
    const weft::result r = search(s, [] { two_storing_threads(2, 2); });
    EXPECT_TRUE(r.ok()) << to_string(s);
    EXPECT_EQ(r.stats.diverged, 0u) << to_string(s);
    EXPECT_TRUE(r.stats.first_divergence.empty()) << to_string(s) << ": " << r.stats.first_divergence;
    EXPECT_TRUE(r.stats.exhausted) << to_string(s);
  }
}

TEST(Pct, FindsAnOrderingBugOfDepthTwo) {
  // The assertion fails only when thread b's store comes between a's two loads.
  weft::options o;
  o.strategy = weft::strategy_kind::pct;
  o.pct_depth = 2;
  o.iterations = 5000;
  const weft::result r = weft::check([] {
    weft::atomic<int> x{0};
    weft::thread a([&] {
      const int first = x.load();
      const int second = x.load();
      WEFT_ASSERT(first == second, "x changed between two loads");
    });
    weft::thread b([&] { x.store(1); });
    a.join();
    b.join();
  }, o);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].kind, weft::finding_kind::assertion);
}

TEST(Budget, TimeBudgetStopsARun) {
  weft::options o;
  o.iterations = 1'000'000'000;
  o.time_budget_seconds = 0.3;
  const auto start = std::chrono::steady_clock::now();
  const weft::result r = weft::check([] {
    weft::atomic<int> x{0};
    weft::thread a([&] { x.fetch_add(1); });
    a.join();
  }, o);
  EXPECT_TRUE(r.ok());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));
  EXPECT_GT(r.stats.executions, 100u);
}

}  // namespace
