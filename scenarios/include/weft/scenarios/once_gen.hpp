// weft/scenarios/once_gen.hpp — RapidCheck generator for the once family's
// params (rc::Gen<params>), for `weft run --generate`.
#pragma once

#include <rapidcheck.h>

#include "weft/scenarios/once.hpp"

namespace weft::scenarios {

inline rc::Gen<once_params> gen_once_params() {
  using P = once_params;
  return rc::gen::build<P>(rc::gen::set(&P::threads, rc::gen::inRange<std::size_t>(2, 5)),
                           rc::gen::set(&P::lookups, rc::gen::inRange<std::size_t>(1, 4)),
                           rc::gen::set(&P::keys, rc::gen::inRange<std::size_t>(1, 4)));
}

}  // namespace weft::scenarios
