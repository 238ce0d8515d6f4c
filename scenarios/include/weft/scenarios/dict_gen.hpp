// weft/scenarios/dict_gen.hpp — RapidCheck generator for the dict family's
// params (rc::Gen<params>), for `weft run --generate`.
#pragma once

#include <rapidcheck.h>

#include "weft/scenarios/dict.hpp"

namespace weft::scenarios {

inline rc::Gen<dict_params> gen_dict_params() {
  using P = dict_params;
  return rc::gen::build<P>(rc::gen::set(&P::threads, rc::gen::inRange<std::size_t>(1, 5)),
                           rc::gen::set(&P::operations, rc::gen::inRange<std::size_t>(0, 6)));
}

}  // namespace weft::scenarios
