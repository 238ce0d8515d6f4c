// Tests of the list family: the models on real threads (std_sync), the
// RapidCheck generators, and every row's verdict under the controlled scheduler.
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include "weft/assert.hpp"
#include "weft/scenario_shape.hpp"
#include "weft/scenarios/list.hpp"
#include "weft/scenarios/list_gen.hpp"
#include "weft/std_sync.hpp"
#include "zoo_check.hpp"

namespace ws = weft::scenarios;
using weft::std_sync;
using weft::strategy_kind;


TEST(ListRealThreads, OneAppenderKeepsTheCount) {
  weft::detail::take_outside_failures();
  weft::run_scenario_once<std_sync, ws::list_size_counter>({.appenders = 1, .readers = 2, .appends = 20, .reads = 3});
  EXPECT_TRUE(weft::detail::take_outside_failures().empty());
}

TEST(ListModels, ProcessorAppliesOperationsInOrder) {
  weft::models::queue_backed_list<std_sync> list;
  std::thread processor([&] { list.process_operations(); });
  list.append(1);
  list.append(3);
  list.insert(1, 2);
  EXPECT_EQ(list.get_all(), (std::vector<long>{1, 2, 3}));
  EXPECT_EQ(list.get_item(1), 2);
  EXPECT_EQ(list.pop(), 3);
  list.remove(1);
  EXPECT_EQ(list.get_all(), (std::vector<long>{2}));
  EXPECT_EQ(list.length(), 1);
  list.stop();
  processor.join();
}

TEST(ListGenerators, ProduceRunnableParameters) {
  EXPECT_TRUE(rc::check("list params", [] { RC_ASSERT((*ws::gen_list_params()).appenders >= 1u); }));
}

TEST(ListChecked, SizeCounterRaces) {
  for (auto st : {strategy_kind::random, strategy_kind::pct, strategy_kind::dfs})
    zoo::expect_found("list/list_size_counter", zoo::opts(st, 2000));
}
