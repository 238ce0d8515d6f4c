// Tests of the barrier family: the models on real threads (std_sync), the
// RapidCheck generators, and every row's verdict under the controlled scheduler.
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include "weft/assert.hpp"
#include "weft/scenario_shape.hpp"
#include "weft/scenarios/barrier.hpp"
#include "weft/scenarios/barrier_gen.hpp"
#include "weft/std_sync.hpp"
#include "zoo_check.hpp"

namespace ws = weft::scenarios;
using weft::std_sync;
using weft::strategy_kind;


TEST(BarrierRealThreads, PhasesStayInStep) {
  weft::detail::take_outside_failures();
  weft::run_scenario_once<std_sync, ws::barrier_phases>({.workers = 4, .phases = 20, .work_ms = 1});
  EXPECT_TRUE(weft::detail::take_outside_failures().empty());
}

TEST(BarrierRealThreads, PhasesOnGeneratedParameters) {
  EXPECT_TRUE(rc::check("barrier phases", [] {
    auto p = *ws::gen_barrier_params();
    p.work_ms = 0;
    weft::detail::take_outside_failures();
    weft::run_scenario_once<std_sync, ws::barrier_phases>(p);
    RC_ASSERT(weft::detail::take_outside_failures().empty());
  }));
}

TEST(BarrierRealThreads, NoGenerationBarrierWorksOnce) {
  weft::detail::take_outside_failures();
  weft::run_scenario_once<std_sync, ws::barrier_no_generation>({.workers = 3, .phases = 1, .work_ms = 1});
  EXPECT_TRUE(weft::detail::take_outside_failures().empty());
}

TEST(BarrierChecked, BarrierPhasesIsClean) {
  zoo::expect_clean("barrier/barrier_phases", zoo::opts(strategy_kind::random, 20000));
  zoo::expect_clean("barrier/barrier_phases", zoo::with_spurious(zoo::opts(strategy_kind::random, 20000)));
  zoo::expect_clean("barrier/barrier_phases", zoo::opts(strategy_kind::dfs, 100000));  // exhausts
}

TEST(BarrierChecked, NoGenerationHangsWhenReused) {
  for (auto st : {strategy_kind::random, strategy_kind::pct, strategy_kind::dfs})
    zoo::expect_found("barrier/barrier_no_generation", zoo::opts(st, 2000));
}
