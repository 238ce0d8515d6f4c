// Tests of the cache family: the models on real threads (std_sync), the
// RapidCheck generators, and every row's verdict under the controlled scheduler.
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include "weft/assert.hpp"
#include "weft/scenario_shape.hpp"
#include "weft/scenarios/cache.hpp"
#include "weft/scenarios/cache_gen.hpp"
#include "weft/std_sync.hpp"
#include "zoo_check.hpp"

namespace ws = weft::scenarios;
using weft::std_sync;
using weft::strategy_kind;


TEST(CacheRealThreads, OneWriterAtATimeKeepsTheBound) {
  weft::detail::take_outside_failures();
  weft::run_scenario_once<std_sync, ws::cache_evict_check_then_act>(
      {.readers = 1, .writers = 0, .reader_ops = 20, .writer_ops = 0, .keys = 8, .max_size = 5});
  EXPECT_TRUE(weft::detail::take_outside_failures().empty());
}

TEST(CacheGenerators, ProduceRunnableParameters) {
  EXPECT_TRUE(rc::check("cache params", [] {
    const auto p = *ws::gen_cache_params();
    RC_ASSERT(p.keys >= 1u);
    RC_ASSERT(p.max_size >= 1u);
  }));
}

TEST(CacheChecked, CheckThenActOverfills) {
  for (auto st : {strategy_kind::random, strategy_kind::pct, strategy_kind::dfs})
    zoo::expect_found("cache/cache_evict_check_then_act", zoo::opts(st, 2000));
}
