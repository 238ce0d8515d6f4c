// weft/scenarios/once_gen.hpp — RapidCheck generator for the once family's
// params (rc::Gen<params>), for `weft run --generate`.
#pragma once

#include <rapidcheck.h>

#include <type_traits>

#include "weft/scenarios/generate.hpp"

#include "weft/scenarios/once.hpp"

namespace weft::scenarios {

inline rc::Gen<once_params> gen_once_params() {
  using P = once_params;
  return rc::gen::build<P>(rc::gen::set(&P::threads, rc::gen::inRange<std::size_t>(2, 5)),
                           rc::gen::set(&P::lookups, rc::gen::inRange<std::size_t>(1, 4)),
                           rc::gen::set(&P::keys, rc::gen::inRange<std::size_t>(1, 4)));
}

/// The default workload sources of `weft run --generate` (found by register_model).
inline params_source<once_params> weft_params_generator(std::type_identity<once_params>) { return sample_with(gen_once_params()); }

}  // namespace weft::scenarios
