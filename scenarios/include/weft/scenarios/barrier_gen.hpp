// weft/scenarios/barrier_gen.hpp — RapidCheck generator for the barrier
// family's params (rc::Gen<params>), for `weft run --generate`.
#pragma once

#include <rapidcheck.h>

#include "weft/scenarios/barrier.hpp"

namespace weft::scenarios {

inline rc::Gen<barrier_params> gen_barrier_params() {
  using P = barrier_params;
  return rc::gen::build<P>(rc::gen::set(&P::workers, rc::gen::inRange<std::size_t>(2, 6)),
                           rc::gen::set(&P::phases, rc::gen::inRange<std::size_t>(1, 4)),
                           rc::gen::set(&P::work_ms, rc::gen::inRange<long>(0, 1501)));
}

}  // namespace weft::scenarios
