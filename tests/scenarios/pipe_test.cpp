// Tests of the pipe family: the models on real threads (std_sync), the
// RapidCheck generators, and every row's verdict under the controlled scheduler.
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include "weft/assert.hpp"
#include "weft/scenario_shape.hpp"
#include "weft/scenarios/pipe.hpp"
#include "weft/scenarios/pipe_gen.hpp"
#include "weft/std_sync.hpp"
#include "zoo_check.hpp"

namespace ws = weft::scenarios;
using weft::std_sync;
using weft::strategy_kind;


TEST(PipeModels, ReaderSeesEofOnceEveryWriterClosed) {
  weft::models::os_pipe<std_sync> pipe;
  pipe.dup_writer();
  std::thread writer([&] {
    pipe.write("ab");
    pipe.close_writer();
  });
  writer.join();
  EXPECT_EQ(pipe.read(64), "ab");
  pipe.close_writer();  // the last writer end: EOF
  EXPECT_EQ(pipe.read(64), "");
}

TEST(PipeGenerators, ProduceRunnableParameters) {
  EXPECT_TRUE(rc::check("pipe params", [] { RC_ASSERT((*ws::gen_pipe_params()).messages <= 5u); }));
}

TEST(PipeChecked, ReceiverNeverSeesEof) {
  for (auto st : {strategy_kind::random, strategy_kind::pct, strategy_kind::dfs})
    zoo::expect_found("pipe/pipe_eof_hang", zoo::opts(st, 2000));
}
