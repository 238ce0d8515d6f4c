// Tests of the dict family: the models on real threads (std_sync), the
// RapidCheck generators, and every row's verdict under the controlled scheduler.
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include "weft/assert.hpp"
#include "weft/scenario_shape.hpp"
#include "weft/scenarios/dict.hpp"
#include "weft/scenarios/dict_gen.hpp"
#include "weft/std_sync.hpp"
#include "zoo_check.hpp"

namespace ws = weft::scenarios;
using weft::std_sync;
using weft::strategy_kind;


TEST(DictRealThreads, FinalContentsAreTheSequentialEffect) {
  weft::detail::take_outside_failures();
  weft::run_scenario_once<std_sync, ws::dict_locked_dict>({.threads = 4, .operations = 200});
  EXPECT_TRUE(weft::detail::take_outside_failures().empty());
}

TEST(DictRealThreads, GeneratedParameters) {
  EXPECT_TRUE(rc::check("locked dict", [] {
    const auto p = *ws::gen_dict_params();
    weft::detail::take_outside_failures();
    weft::run_scenario_once<std_sync, ws::dict_locked_dict>(p);
    RC_ASSERT(weft::detail::take_outside_failures().empty());
  }));
}

TEST(DictChecked, LockedDictIsClean) {
  zoo::expect_clean("dict/locked_dict", zoo::opts(strategy_kind::random, 20000));
  zoo::expect_clean("dict/locked_dict", zoo::opts(strategy_kind::pct, 20000));
  zoo::expect_clean("dict/locked_dict", zoo::opts(strategy_kind::dfs, 100000));  // exhausts
}
