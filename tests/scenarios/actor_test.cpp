// Tests of the actor family: the models on real threads (std_sync), the
// RapidCheck generators, and every row's verdict under the controlled scheduler.
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include "weft/assert.hpp"
#include "weft/scenario_shape.hpp"
#include "weft/scenarios/actor.hpp"
#include "weft/scenarios/actor_gen.hpp"
#include "weft/std_sync.hpp"
#include "zoo_check.hpp"

namespace ws = weft::scenarios;
using weft::std_sync;
using weft::strategy_kind;


TEST(ActorRealThreads, StopAfterTheActorCaughtUpLosesNothing) {
  weft::models::asyncio_loop<std_sync> loop;
  weft::models::counter_actor<std_sync> actor(loop);
  actor.start();
  std::thread task([&] { actor.process_messages(); });
  actor.send(5);
  actor.send(3);
  actor.send(-2);
  while (true) {  // the seed awaits a reply before stop(); here: wait until handled
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    auto turn = loop.enter();
    if (actor.count() == 6) break;
  }
  actor.stop();
  task.join();
  EXPECT_EQ(actor.count(), 6);
}

TEST(ActorGenerators, ProduceRunnableParameters) {
  EXPECT_TRUE(rc::check("actor params", [] { RC_ASSERT((*ws::gen_actor_params()).senders >= 1u); }));
}

TEST(ActorChecked, StopDropsQueuedMessages) {
  for (auto st : {strategy_kind::random, strategy_kind::pct, strategy_kind::dfs})
    zoo::expect_found("actor/actor_stop_drops", zoo::opts(st, 2000));
}
