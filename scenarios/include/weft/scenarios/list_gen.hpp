// weft/scenarios/list_gen.hpp — RapidCheck generator for the list family's
// params (rc::Gen<params>), for `weft run --generate`.
#pragma once

#include <rapidcheck.h>

#include <type_traits>

#include "weft/scenarios/generate.hpp"

#include "weft/scenarios/list.hpp"

namespace weft::scenarios {

inline rc::Gen<list_params> gen_list_params() {
  using P = list_params;
  return rc::gen::build<P>(rc::gen::set(&P::appenders, rc::gen::inRange<std::size_t>(1, 4)),
                           rc::gen::set(&P::readers, rc::gen::inRange<std::size_t>(0, 4)),
                           rc::gen::set(&P::appends, rc::gen::inRange<std::size_t>(1, 11)),
                           rc::gen::set(&P::reads, rc::gen::inRange<std::size_t>(0, 6)));
}

/// The default workload sources of `weft run --generate` (found by register_model).
inline params_source<list_params> weft_params_generator(std::type_identity<list_params>) { return sample_with(gen_list_params()); }

}  // namespace weft::scenarios
