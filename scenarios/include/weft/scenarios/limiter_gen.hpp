// weft/scenarios/limiter_gen.hpp — RapidCheck generator for the limiter
// family's params (rc::Gen<params>), for `weft run --generate`.
#pragma once

#include <rapidcheck.h>

#include <type_traits>

#include "weft/scenarios/generate.hpp"

#include "weft/scenarios/limiter.hpp"

namespace weft::scenarios {

inline rc::Gen<limiter_params> gen_limiter_params() {
  using P = limiter_params;
  return rc::gen::build<P>(rc::gen::set(&P::requests, rc::gen::inRange<std::size_t>(1, 11)),
                           rc::gen::set(&P::rate, rc::gen::map(rc::gen::inRange(1, 11), [](int r) { return static_cast<double>(r); })),
                           rc::gen::set(&P::capacity, rc::gen::map(rc::gen::inRange(1, 11), [](int c) { return static_cast<double>(c); })));
}

/// The default workload sources of `weft run --generate` (found by register_model).
inline params_source<limiter_params> weft_params_generator(std::type_identity<limiter_params>) { return sample_with(gen_limiter_params()); }

}  // namespace weft::scenarios
