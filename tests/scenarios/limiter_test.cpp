// Tests of the limiter family: the models on real threads (std_sync), the
// RapidCheck generators, and every row's verdict under the controlled scheduler.
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include "weft/assert.hpp"
#include "weft/scenario_shape.hpp"
#include "weft/scenarios/limiter.hpp"
#include "weft/scenarios/limiter_gen.hpp"
#include "weft/std_sync.hpp"
#include "zoo_check.hpp"

namespace ws = weft::scenarios;
using weft::std_sync;
using weft::strategy_kind;


TEST(LimiterRealThreads, TokenBucketBoundsEveryWindow) {
  weft::detail::take_outside_failures();
  weft::run_scenario_once<std_sync, ws::limiter_token_bucket>({.requests = 6, .rate = 100, .capacity = 2});
  EXPECT_TRUE(weft::detail::take_outside_failures().empty());
}

TEST(LimiterRealThreads, RateLimiterAloneIsSpaced) {
  weft::detail::take_outside_failures();
  weft::run_scenario_once<std_sync, ws::limiter_rate_limiter_read_await_write>({.requests = 1, .rate = 100});
  EXPECT_TRUE(weft::detail::take_outside_failures().empty());
}

TEST(LimiterGenerators, ProduceRunnableParameters) {
  EXPECT_TRUE(rc::check("limiter params", [] {
    const auto p = *ws::gen_limiter_params();
    RC_ASSERT(p.rate >= 1.0);
    RC_ASSERT(p.capacity >= 1.0);
  }));
}

TEST(LimiterChecked, TokenBucketIsClean) {
  zoo::expect_clean("limiter/token_bucket", zoo::opts(strategy_kind::random, 20000));
  zoo::expect_clean("limiter/token_bucket", zoo::opts(strategy_kind::pct, 20000));
  zoo::expect_clean("limiter/token_bucket", zoo::opts(strategy_kind::dfs, 100000));  // exhausts
}

TEST(LimiterChecked, ReadAwaitWriteGrantsTooOften) {
  for (auto st : {strategy_kind::random, strategy_kind::pct, strategy_kind::dfs})
    zoo::expect_found("limiter/rate_limiter_read_await_write", zoo::opts(st, 2000));
}
