// weft/scenarios/counter_gen.hpp — RapidCheck generators for the counter
// family's parameters (`weft run --generate N`): threads and increments.
#pragma once

#include <rapidcheck.h>

#include <type_traits>

#include "weft/scenarios/counter.hpp"
#include "weft/scenarios/generate.hpp"

namespace weft::scenarios {

inline rc::Gen<counter_params> gen_counter_params() {
  return rc::gen::build<counter_params>(rc::gen::set(&counter_params::threads, rc::gen::inRange<std::size_t>(1, 5)),
                                        rc::gen::set(&counter_params::iterations, rc::gen::inRange<std::size_t>(1, 5)));
}

inline params_source<counter_params> weft_params_generator(std::type_identity<counter_params>) {
  return sample_with(gen_counter_params());
}

}  // namespace weft::scenarios
