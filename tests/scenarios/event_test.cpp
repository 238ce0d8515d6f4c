// Tests of the event family: the models on real threads (std_sync), the
// RapidCheck generators, and every row's verdict under the controlled scheduler.
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include "weft/assert.hpp"
#include "weft/scenario_shape.hpp"
#include "weft/scenarios/event.hpp"
#include "weft/scenarios/event_gen.hpp"
#include "weft/std_sync.hpp"
#include "zoo_check.hpp"

namespace ws = weft::scenarios;
using weft::std_sync;
using weft::strategy_kind;


TEST(EventRealThreads, ServiceManagerWorkersStartAfterReadyAndStop) {
  weft::detail::take_outside_failures();
  weft::run_scenario_once<std_sync, ws::event_ready>({.workers = 3, .init_ms = 5, .run_ms = 10, .step_ms = 1});
  EXPECT_TRUE(weft::detail::take_outside_failures().empty());
}

TEST(EventModels, EventWaitForTimesOutAndSees) {
  weft::models::event<std_sync> e;
  EXPECT_FALSE(e.wait_for(std::chrono::milliseconds(1)));
  e.set();
  EXPECT_TRUE(e.wait_for(std::chrono::milliseconds(1)));
  e.clear();
  EXPECT_FALSE(e.is_set());
}

TEST(EventGenerators, ProduceRunnableParameters) {
  EXPECT_TRUE(rc::check("event params", [] {
    const auto p = *ws::gen_event_params();
    RC_ASSERT(p.workers >= 1u);
    RC_ASSERT(p.step_ms > 0);
    const auto t = *ws::gen_traffic_light_params();
    RC_ASSERT(t.duration_ms > 0);
  }));
}

TEST(EventChecked, EventReadyIsClean) {
  // Under bounded DFS too: fair scheduling lets the initializer run while the
  // polling worker sleeps (before it, DFS's current-first path kept resuming
  // the worker and reported a livelock).
  zoo::expect_clean("event/event_ready", zoo::opts(strategy_kind::dfs, 20000));
  zoo::expect_clean("event/event_ready", zoo::opts(strategy_kind::random, 20000));
  zoo::expect_clean("event/event_ready", zoo::opts(strategy_kind::pct, 20000));
  zoo::expect_clean("event/event_ready", zoo::with_spurious(zoo::opts(strategy_kind::random, 20000)));
}

TEST(EventChecked, TrafficLightShowsTwoLights) {
  zoo::expect_found("event/traffic_light", zoo::opts(strategy_kind::random, 2000));
  zoo::expect_found("event/traffic_light", zoo::opts(strategy_kind::pct, 2000));
}
