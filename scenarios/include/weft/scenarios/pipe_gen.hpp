// weft/scenarios/pipe_gen.hpp — RapidCheck generator for the pipe family's
// params (rc::Gen<params>), for `weft run --generate`.
#pragma once

#include <rapidcheck.h>

#include <type_traits>

#include "weft/scenarios/generate.hpp"

#include "weft/scenarios/pipe.hpp"

namespace weft::scenarios {

inline rc::Gen<pipe_params> gen_pipe_params() {
  using P = pipe_params;
  return rc::gen::build<P>(rc::gen::set(&P::messages, rc::gen::inRange<std::size_t>(0, 6)));
}

/// The default workload sources of `weft run --generate` (found by register_model).
inline params_source<pipe_params> weft_params_generator(std::type_identity<pipe_params>) { return sample_with(gen_pipe_params()); }

}  // namespace weft::scenarios
