// weft/scenarios/dict_gen.hpp — RapidCheck generator for the dict family's
// params (rc::Gen<params>), for `weft run --generate`.
#pragma once

#include <rapidcheck.h>

#include <type_traits>

#include "weft/scenarios/generate.hpp"

#include "weft/scenarios/dict.hpp"

namespace weft::scenarios {

inline rc::Gen<dict_params> gen_dict_params() {
  using P = dict_params;
  return rc::gen::build<P>(rc::gen::set(&P::threads, rc::gen::inRange<std::size_t>(1, 5)),
                           rc::gen::set(&P::operations, rc::gen::inRange<std::size_t>(0, 6)));
}

/// The default workload sources of `weft run --generate` (found by register_model).
inline params_source<dict_params> weft_params_generator(std::type_identity<dict_params>) { return sample_with(gen_dict_params()); }

}  // namespace weft::scenarios
