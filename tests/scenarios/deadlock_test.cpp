// Tests of the deadlock family: the models on real threads (std_sync), the
// RapidCheck generators, and the registrations.
#include <gtest/gtest.h>

#include "weft/stress.hpp"
#include <rapidcheck.h>

#include "weft/assert.hpp"
#include "weft/registry.hpp"
#include "weft/scenarios/builtin.hpp"
#include "weft/scenario_shape.hpp"
#include "weft/scenarios/deadlock.hpp"
#include "weft/scenarios/deadlock_gen.hpp"
#include "weft/std_sync.hpp"
#include "zoo_check.hpp"

namespace ws = weft::scenarios;
using weft::std_sync;

TEST(DeadlockRealThreads, CorrectOrderingsTerminateAndKeepTheirInvariants) {
  weft::detail::take_outside_failures();
  weft::run_scenario_once<std_sync, ws::deadlock_ordered>({.threads = 4, .rounds = 3, .hold_ms = 1});
  weft::run_scenario_once<std_sync, ws::deadlock_try_lock_backoff>({.threads = 2, .rounds = 100});
  weft::run_scenario_once<std_sync, ws::deadlock_philosophers_ordered>({.philosophers = 5, .meals = 100});
  EXPECT_TRUE(weft::detail::take_outside_failures().empty());
}

TEST(DeadlockRealThreads, OrderManagerNeverDeadlocks) {
  // Its bug is a data race on the registry (ThreadSanitizer reports it); the
  // ordering itself is sound, so the seed's three workers always finish.
  if (weft::built_with_tsan()) GTEST_SKIP() << "the intended data race would end the process; weft stress captures it";
  weft::detail::take_outside_failures();
  weft::run_scenario_once<std_sync, ws::deadlock_order_manager_registry>({.threads = 3, .rounds = 3, .work_ms = 1});
  EXPECT_TRUE(weft::detail::take_outside_failures().empty());
}

TEST(DeadlockRealThreads, OpposedOrdersRunAloneDoNotDeadlock) {
  // One thread at a time: the buggy orderings only deadlock when interleaved.
  weft::detail::take_outside_failures();
  weft::run_scenario_once<std_sync, ws::deadlock_ab_ba>({.threads = 1, .rounds = 2, .hold_ms = 0});
  weft::run_scenario_once<std_sync, ws::deadlock_philosophers_naive>({.philosophers = 2, .meals = 0});
  EXPECT_TRUE(weft::detail::take_outside_failures().empty());
}

TEST(DeadlockModels, SeedDetectorSeesTheCycle) {
  weft::models::seed_deadlock_detector<std_sync> d;
  d.acquire_lock(1, 1);
  d.acquire_lock(2, 2);
  EXPECT_FALSE(d.request_lock(1, 2));  // 1 -> 2
  EXPECT_TRUE(d.request_lock(2, 1));   // 2 -> 1 -> 2
  d.release_lock(1, 1);
  EXPECT_FALSE(d.request_lock(2, 1));  // free now
}

TEST(DeadlockRealThreads, CorrectOrderingsOnGeneratedParameters) {
  const bool ok = rc::check("ordered locking and back-off are clean", [] {
    auto order = *ws::gen_lock_order_params();
    order.hold_ms = 0;
    const auto backoff = *ws::gen_backoff_params();
    const auto table = *ws::gen_philosophers_params();
    weft::detail::take_outside_failures();
    weft::run_scenario_once<std_sync, ws::deadlock_ordered>(order);
    weft::run_scenario_once<std_sync, ws::deadlock_try_lock_backoff>(backoff);
    weft::run_scenario_once<std_sync, ws::deadlock_philosophers_ordered>(table);
    RC_ASSERT(weft::detail::take_outside_failures().empty());
  });
  EXPECT_TRUE(ok);
}

TEST(DeadlockGenerators, StayInRange) {
  const bool ok = rc::check("generated parameters are usable", [] {
    RC_ASSERT((*ws::gen_order_manager_params()).threads >= 2u);
    RC_ASSERT((*ws::gen_timeout_lock_params()).timeout_ms >= 1);
    RC_ASSERT((*ws::gen_self_relock_params()).threads >= 1u);
  });
  EXPECT_TRUE(ok);
}

TEST(DeadlockRegistry, EveryRowIsRegisteredWithItsVerdict) {
  weft::register_builtin_scenarios();
  const auto& reg = weft::registry::instance();
  EXPECT_EQ(reg.match({"deadlock"}).size(), 9u);
  for (const char* clean : {"deadlock/ordered", "deadlock/try_lock_backoff", "deadlock/philosophers_ordered"}) {
    const auto* s = reg.find(clean);
    ASSERT_NE(s, nullptr) << clean;
    EXPECT_TRUE(s->expected_clean()) << clean;
  }
  for (const char* buggy : {"deadlock/ab_ba", "deadlock/three_cycle", "deadlock/order_manager_registry",
                            "deadlock/timeout_lock_releases_unowned", "deadlock/philosophers_naive",
                            "deadlock/self_relock"}) {
    const auto* s = reg.find(buggy);
    ASSERT_NE(s, nullptr) << buggy;
    EXPECT_FALSE(s->expected_clean()) << buggy;
  }
}

TEST(DeadlockRegistry, StressBodiesOfTheCorrectRowsAreClean) {
  // The registered real-thread runs (noisy_std_sync, the tutorial's parameters).
  weft::register_builtin_scenarios();
  weft::detail::take_outside_failures();
  for (const char* name : {"deadlock/ordered", "deadlock/try_lock_backoff", "deadlock/philosophers_ordered"}) {
    const auto* s = weft::registry::instance().find(name);
    ASSERT_NE(s, nullptr) << name;
    ASSERT_TRUE(s->stress) << name;
    s->stress();
  }
  EXPECT_TRUE(weft::detail::take_outside_failures().empty());
}

// ---- Verdicts under the controlled scheduler --------------------------------

using weft::strategy_kind;

TEST(DeadlockChecked, CorrectOrderingsAreClean) {
  for (const char* name : {"deadlock/ordered", "deadlock/philosophers_ordered"}) {
    zoo::expect_clean(name, zoo::opts(strategy_kind::random, 20'000));
    zoo::expect_clean(name, zoo::opts(strategy_kind::pct, 20'000));
    auto dfs = zoo::opts(strategy_kind::dfs, 200'000);
    const auto r = weft::check(zoo::scenario(name).checked, dfs);
    EXPECT_TRUE(r.ok()) << name << ": " << zoo::describe(r);
    EXPECT_TRUE(r.stats.exhausted) << name << ": " << zoo::describe(r);
  }
}

TEST(DeadlockChecked, BuggyOrderingsAreFound) {
  for (const char* name : {"deadlock/ab_ba", "deadlock/three_cycle", "deadlock/philosophers_naive",
                           "deadlock/order_manager_registry", "deadlock/timeout_lock_releases_unowned",
                           "deadlock/self_relock"}) {
    zoo::expect_found(name, zoo::opts(strategy_kind::random, 1'000));
    zoo::expect_found(name, zoo::opts(strategy_kind::pct, 1'000));
    zoo::expect_found(name, zoo::opts(strategy_kind::dfs, 5'000));
  }
}

TEST(DeadlockChecked, CyclesDeadlockEvenWithoutTheLockOrderDetector) {
  for (const char* name : {"deadlock/ab_ba", "deadlock/three_cycle", "deadlock/philosophers_naive"}) {
    for (auto k : {strategy_kind::random, strategy_kind::pct, strategy_kind::dfs}) {
      const auto r = weft::check(zoo::scenario(name).checked, zoo::without_lock_order(zoo::opts(k, 5'000)));
      ASSERT_FALSE(r.ok()) << name;
      EXPECT_EQ(r.findings[0].kind, weft::finding_kind::deadlock) << name << ": " << zoo::describe(r);
    }
  }
}

TEST(DeadlockChecked, TryLockBackoffTerminatesAndKeepsExclusion) {
  // Fair strategies let the back-off succeed; bounded DFS lets time pass only
  // when nothing else can run. A successful try_lock adds no lock-order edge.
  zoo::expect_clean("deadlock/try_lock_backoff", zoo::opts(strategy_kind::random, 20'000));
  zoo::expect_clean("deadlock/try_lock_backoff", zoo::opts(strategy_kind::pct, 20'000));
  zoo::expect_clean("deadlock/try_lock_backoff", zoo::opts(strategy_kind::dfs, 20'000));
}
