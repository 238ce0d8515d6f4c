// weft/scenarios/pipe_gen.hpp — RapidCheck generator for the pipe family's
// params (rc::Gen<params>), for `weft run --generate`.
#pragma once

#include <rapidcheck.h>

#include "weft/scenarios/pipe.hpp"

namespace weft::scenarios {

inline rc::Gen<pipe_params> gen_pipe_params() {
  using P = pipe_params;
  return rc::gen::build<P>(rc::gen::set(&P::messages, rc::gen::inRange<std::size_t>(0, 6)));
}

}  // namespace weft::scenarios
