// Tests of the bounded_buffer family: the models on real threads (std_sync),
// the RapidCheck generators, and the registrations.
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include "weft/assert.hpp"
#include "weft/registry.hpp"
#include "weft/scenarios/builtin.hpp"
#include "weft/scenario_shape.hpp"
#include "weft/scenarios/bounded_buffer.hpp"
#include "weft/scenarios/bounded_buffer_gen.hpp"
#include "weft/checked_sync.hpp"
#include "weft/std_sync.hpp"
#include "zoo_check.hpp"

namespace ws = weft::scenarios;
using weft::std_sync;

TEST(BoundedBufferRealThreads, CorrectBuffersKeepTheirInvariants) {
  weft::detail::take_outside_failures();
  for (int i = 0; i < 5; ++i) {
    weft::run_scenario_once<std_sync, ws::bounded_buffer_two_conditions>({});
    weft::run_scenario_once<std_sync, ws::bounded_buffer_semaphores>({});
    weft::run_scenario_once<std_sync, ws::bounded_buffer_two_conditions>(
        {.producers = 3, .items = 200, .consumers = 2, .capacity = 1});
    weft::run_scenario_once<std_sync, ws::bounded_buffer_semaphores>(
        {.producers = 3, .items = 200, .consumers = 2, .capacity = 1});
  }
  EXPECT_TRUE(weft::detail::take_outside_failures().empty());
}

TEST(BoundedBufferRealThreads, CorrectBuffersOnGeneratedParameters) {
  const bool ok = rc::check("balanced buffers are clean", [] {
    const auto p = *ws::gen_buffer_params();
    weft::detail::take_outside_failures();
    weft::run_scenario_once<std_sync, ws::bounded_buffer_two_conditions>(p);
    weft::run_scenario_once<std_sync, ws::bounded_buffer_semaphores>(p);
    RC_ASSERT(weft::detail::take_outside_failures().empty());
  });
  EXPECT_TRUE(ok);
}

TEST(BoundedBufferGenerators, StayInRangeAndUnbalancedMeansUnbalanced) {
  const bool ok = rc::check("generated parameters are usable", [] {
    const auto unbalanced = *ws::gen_unbalanced_buffer_params();
    const std::size_t supply = unbalanced.producers * unbalanced.items;
    const std::size_t demand = unbalanced.consumers * unbalanced.consumer_items;
    RC_ASSERT(demand > supply || supply - demand > unbalanced.capacity);
    RC_ASSERT((*ws::gen_task_drain_params()).workers >= 1u);
    RC_ASSERT((*ws::gen_timeout_consumer_params()).timeout_ms >= 1);
    RC_ASSERT((*ws::gen_sentinel_params()).consumers >= 1u);
    RC_ASSERT((*ws::gen_worker_pool_params()).workers >= 1u);
    RC_ASSERT((*ws::gen_late_consumers_params()).consumers >= 1u);
  });
  EXPECT_TRUE(ok);
}

TEST(BoundedBufferRealThreads, QueuePatternsWithoutTheirTriggerAreClean) {
  weft::detail::take_outside_failures();
  // No task fails: join() returns.
  weft::run_scenario_once<std_sync, ws::bounded_buffer_task_done_skipped>(
      {.tasks = 10, .workers = 3, .fail_every = 0, .get_timeout_ms = 50, .work_ms = 1});
  // Producers far faster than the consumers' timeout.
  weft::run_scenario_once<std_sync, ws::bounded_buffer_timeout_consumer_exit>(
      {.producers = 2, .items = 5, .consumers = 3, .produce_interval_ms = 1, .timeout_ms = 2000, .work_ms = 1});
  // As many sentinels as consumers.
  weft::run_scenario_once<std_sync, ws::bounded_buffer_sentinel_shortfall>(
      {.producers = 3, .items = 8, .consumers = 3, .timeout_ms = 0});
  // Tasks submitted long before any worker's get() can time out.
  weft::run_scenario_once<std_sync, ws::bounded_buffer_none_as_poison_pill>(
      {.workers = 3, .tasks = 10, .get_timeout_ms = 2000, .work_ms = 1});
  EXPECT_TRUE(weft::detail::take_outside_failures().empty());
}

TEST(BoundedBufferRealThreads, SentinelShortfallWithTheSeedsTimeoutEndsInAnAssertion) {
  weft::detail::take_outside_failures();
  weft::run_scenario_once<std_sync, ws::bounded_buffer_sentinel_shortfall>(
      {.producers = 2, .items = 8, .consumers = 3, .timeout_ms = 100});
  const auto failures = weft::detail::take_outside_failures();
  ASSERT_EQ(failures.size(), 1u);
  EXPECT_EQ(failures[0].kind, weft::finding_kind::assertion);
}

TEST(BoundedBufferModels, PyQueueTaskDoneAndTimeouts) {
  weft::models::py_queue<std_sync, int> q(2);
  q.put(1);
  q.put(2);
  EXPECT_EQ(q.qsize(), 2u);
  EXPECT_EQ(q.get(), 1);
  EXPECT_EQ(q.get_for(std::chrono::milliseconds(1)), 2);
  EXPECT_EQ(q.get_for(std::chrono::milliseconds(1)), std::nullopt);
  EXPECT_TRUE(q.task_done());
  EXPECT_TRUE(q.task_done());
  EXPECT_FALSE(q.task_done());  // ValueError in Python
  q.join();
}

TEST(BoundedBufferRegistry, EveryRowIsRegisteredWithItsVerdict) {
  weft::register_builtin_scenarios();
  const auto& reg = weft::registry::instance();
  EXPECT_EQ(reg.match({"bounded_buffer"}).size(), 10u);
  for (const char* clean : {"bounded_buffer/two_conditions", "bounded_buffer/semaphores"}) {
    const auto* s = reg.find(clean);
    ASSERT_NE(s, nullptr) << clean;
    EXPECT_TRUE(s->expected_clean()) << clean;
  }
}

TEST(BoundedBufferRegistry, StressBodiesOfTheCorrectRowsAreClean) {
  // The registered real-thread runs (noisy_std_sync, the tutorial's parameters).
  weft::register_builtin_scenarios();
  weft::detail::take_outside_failures();
  for (const char* name : {"bounded_buffer/two_conditions", "bounded_buffer/semaphores"}) {
    const auto* s = weft::registry::instance().find(name);
    ASSERT_NE(s, nullptr) << name;
    ASSERT_TRUE(s->stress) << name;
    s->stress();
  }
  EXPECT_TRUE(weft::detail::take_outside_failures().empty());
}

// ---- Verdicts under the controlled scheduler --------------------------------

using weft::strategy_kind;

TEST(BoundedBufferChecked, CorrectBuffersAreClean) {
  for (const char* name : {"bounded_buffer/two_conditions", "bounded_buffer/semaphores"}) {
    for (auto k : {strategy_kind::random, strategy_kind::pct, strategy_kind::dfs}) {
      zoo::expect_clean(name, zoo::opts(k, 20'000));
    }
    auto spurious = zoo::opts(strategy_kind::random, 20'000);
    spurious.spurious_wakeups = true;
    zoo::expect_clean(name, spurious);
  }
}

TEST(BoundedBufferChecked, BuggyBuffersAndQueuesAreFound) {
  for (const char* name :
       {"bounded_buffer/one_condition_notify_one", "bounded_buffer/if_not_while", "bounded_buffer/demand_exceeds_supply",
        "bounded_buffer/task_done_skipped", "bounded_buffer/timeout_consumer_exit", "bounded_buffer/sentinel_shortfall",
        "bounded_buffer/none_as_poison_pill", "bounded_buffer/consumers_started_late"}) {
    zoo::expect_found(name, zoo::opts(strategy_kind::random, 1'000));
    zoo::expect_found(name, zoo::opts(strategy_kind::pct, 1'000));
    zoo::expect_found(name, zoo::opts(strategy_kind::dfs, 20'000));
  }
}

TEST(BoundedBufferChecked, IfNotWhileAlsoFallsToSpuriousWakeups) {
  // One producer, one consumer: no second consumer to steal the item, so
  // only a spurious wakeup makes the `if` pop from an empty buffer.
  weft::options o = zoo::opts(strategy_kind::random, 5'000);
  o.spurious_wakeups = true;
  const auto body = [] {
    weft::run_scenario_once<weft::checked_sync, ws::bounded_buffer_if_not_while>(
        {.producers = 1, .items = 1, .consumers = 1, .capacity = 1});
  };
  const auto r = weft::check(body, o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.findings[0].kind, weft::finding_kind::assertion) << zoo::describe(r);
  EXPECT_TRUE(weft::check(body, zoo::opts(strategy_kind::random, 5'000)).ok());
}

TEST(BoundedBufferChecked, SentinelShortfallWithTheSeedsTimeoutIsAnAssertion) {
  const auto body = [] {
    weft::run_scenario_once<weft::checked_sync, ws::bounded_buffer_sentinel_shortfall>(
        {.producers = 1, .items = 1, .consumers = 2, .timeout_ms = 2000});
  };
  const auto r = weft::check(body, zoo::opts(strategy_kind::random, 1'000));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.findings[0].kind, weft::finding_kind::assertion) << zoo::describe(r);
}
