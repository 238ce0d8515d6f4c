// weft/scenarios/semaphore_gen.hpp — RapidCheck generators for the semaphore
// family's params (rc::Gen<params> per params struct), for `weft run --generate`.
#pragma once

#include <rapidcheck.h>

#include <type_traits>

#include "weft/scenarios/generate.hpp"

#include "weft/scenarios/semaphore.hpp"

namespace weft::scenarios {

inline rc::Gen<semaphore_params> gen_semaphore_params() {
  using P = semaphore_params;
  return rc::gen::build<P>(rc::gen::set(&P::threads, rc::gen::inRange<std::size_t>(2, 6)),
                           rc::gen::set(&P::permits, rc::gen::inRange<std::ptrdiff_t>(1, 4)),
                           rc::gen::set(&P::operations, rc::gen::inRange<std::size_t>(1, 4)),
                           rc::gen::set(&P::hold_ms, rc::gen::inRange<long>(0, 2001)));
}

inline rc::Gen<over_release_params> gen_over_release_params() {
  using P = over_release_params;
  return rc::gen::build<P>(rc::gen::set(&P::threads, rc::gen::inRange<std::size_t>(2, 6)),
                           rc::gen::set(&P::timeout_ms, rc::gen::inRange<long>(1, 2001)),
                           rc::gen::set(&P::hold_ms, rc::gen::inRange<long>(0, 3001)));
}

/// The default workload sources of `weft run --generate` (found by register_model).
inline params_source<semaphore_params> weft_params_generator(std::type_identity<semaphore_params>) { return sample_with(gen_semaphore_params()); }
inline params_source<over_release_params> weft_params_generator(std::type_identity<over_release_params>) { return sample_with(gen_over_release_params()); }

}  // namespace weft::scenarios
