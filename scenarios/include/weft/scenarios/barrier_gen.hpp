// weft/scenarios/barrier_gen.hpp — RapidCheck generator for the barrier
// family's params (rc::Gen<params>), for `weft run --generate`.
#pragma once

#include <rapidcheck.h>

#include <type_traits>

#include "weft/scenarios/generate.hpp"

#include "weft/scenarios/barrier.hpp"

namespace weft::scenarios {

inline rc::Gen<barrier_params> gen_barrier_params() {
  using P = barrier_params;
  return rc::gen::build<P>(rc::gen::set(&P::workers, rc::gen::inRange<std::size_t>(2, 6)),
                           rc::gen::set(&P::phases, rc::gen::inRange<std::size_t>(1, 4)),
                           rc::gen::set(&P::work_ms, rc::gen::inRange<long>(0, 1501)));
}

/// The default workload sources of `weft run --generate` (found by register_model).
inline params_source<barrier_params> weft_params_generator(std::type_identity<barrier_params>) { return sample_with(gen_barrier_params()); }

}  // namespace weft::scenarios
