// Tests of the semaphore family: the models on real threads (std_sync), the
// RapidCheck generators, and every row's verdict under the controlled scheduler.
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include "weft/assert.hpp"
#include "weft/scenario_shape.hpp"
#include "weft/scenarios/semaphore.hpp"
#include "weft/scenarios/semaphore_gen.hpp"
#include "weft/std_sync.hpp"
#include "zoo_check.hpp"

namespace ws = weft::scenarios;
using weft::std_sync;
using weft::strategy_kind;


TEST(SemaphoreRealThreads, ConnectionPoolKeepsAtMostNHolders) {
  weft::detail::take_outside_failures();
  weft::run_scenario_once<std_sync, ws::semaphore_connection_pool>({.threads = 5, .permits = 2, .operations = 3, .hold_ms = 1});
  EXPECT_TRUE(weft::detail::take_outside_failures().empty());
}

TEST(SemaphoreRealThreads, OneClientAtATimeIsFine) {
  // The shared slot only breaks when two clients are inside `with pool` together.
  weft::detail::take_outside_failures();
  weft::run_scenario_once<std_sync, ws::semaphore_pool_shared_slot>({.threads = 1, .permits = 2, .operations = 3, .hold_ms = 0});
  EXPECT_TRUE(weft::detail::take_outside_failures().empty());
}

TEST(SemaphoreRealThreads, ConnectionPoolOnGeneratedParameters) {
  EXPECT_TRUE(rc::check("semaphore-limited resource", [] {
    auto p = *ws::gen_semaphore_params();
    p.hold_ms = 0;
    weft::detail::take_outside_failures();
    weft::run_scenario_once<std_sync, ws::semaphore_connection_pool>(p);
    RC_ASSERT(weft::detail::take_outside_failures().empty());
  }));
}

TEST(SemaphoreChecked, ConnectionPoolIsClean) {
  zoo::expect_clean("semaphore/connection_pool", zoo::opts(strategy_kind::random, 20000));
  zoo::expect_clean("semaphore/connection_pool", zoo::opts(strategy_kind::pct, 20000));
  zoo::expect_clean("semaphore/connection_pool", zoo::opts(strategy_kind::dfs, 100000));  // exhausts
}

TEST(SemaphoreChecked, BugsAreFound) {
  for (auto st : {strategy_kind::random, strategy_kind::pct, strategy_kind::dfs}) {
    zoo::expect_found("semaphore/pool_shared_slot", zoo::opts(st, 2000));
    zoo::expect_found("semaphore/over_release", zoo::opts(st, 2000));
  }
}
