// Tests of the pipeline family: the models on real threads (std_sync), the
// RapidCheck generators, and every row's verdict under the controlled scheduler.
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include "weft/assert.hpp"
#include "weft/scenario_shape.hpp"
#include "weft/scenarios/pipeline.hpp"
#include "weft/scenarios/pipeline_gen.hpp"
#include "weft/std_sync.hpp"
#include "zoo_check.hpp"

namespace ws = weft::scenarios;
using weft::std_sync;
using weft::strategy_kind;


TEST(PipelineRealThreads, WithoutErrorsEveryItemIsAccounted) {
  weft::detail::take_outside_failures();
  weft::run_scenario_once<std_sync, ws::pipeline_error_accounting>({.items = 10, .processors = 3, .buffer = 2, .error_every = 0});
  EXPECT_TRUE(weft::detail::take_outside_failures().empty());
}

TEST(PipelineGenerators, ProduceRunnableParameters) {
  EXPECT_TRUE(rc::check("pipeline params", [] { RC_ASSERT((*ws::gen_pipeline_params()).buffer >= 1u); }));
}

TEST(PipelineChecked, ConsumerWaitsForErroredItems) {
  for (auto st : {strategy_kind::random, strategy_kind::pct, strategy_kind::dfs})
    zoo::expect_found("pipeline/pipeline_error_accounting", zoo::opts(st, 2000));
}
