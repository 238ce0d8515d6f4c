// weft/scenarios/pipeline_gen.hpp — RapidCheck generator for the pipeline
// family's params (rc::Gen<params>), for `weft run --generate`.
#pragma once

#include <rapidcheck.h>

#include <type_traits>

#include "weft/scenarios/generate.hpp"

#include "weft/scenarios/pipeline.hpp"

namespace weft::scenarios {

inline rc::Gen<pipeline_params> gen_pipeline_params() {
  using P = pipeline_params;
  return rc::gen::build<P>(rc::gen::set(&P::items, rc::gen::inRange<std::size_t>(1, 21)),
                           rc::gen::set(&P::processors, rc::gen::inRange<std::size_t>(1, 4)),
                           rc::gen::set(&P::buffer, rc::gen::inRange<std::size_t>(1, 11)),
                           rc::gen::set(&P::error_every, rc::gen::inRange<std::size_t>(0, 11)));
}

/// The default workload sources of `weft run --generate` (found by register_model).
inline params_source<pipeline_params> weft_params_generator(std::type_identity<pipeline_params>) { return sample_with(gen_pipeline_params()); }

}  // namespace weft::scenarios
