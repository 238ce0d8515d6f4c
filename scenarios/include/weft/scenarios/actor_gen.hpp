// weft/scenarios/actor_gen.hpp — RapidCheck generator for the actor family's
// params (rc::Gen<params>), for `weft run --generate`.
#pragma once

#include <rapidcheck.h>

#include <type_traits>

#include "weft/scenarios/generate.hpp"

#include "weft/scenarios/actor.hpp"

namespace weft::scenarios {

inline rc::Gen<actor_params> gen_actor_params() {
  using P = actor_params;
  return rc::gen::build<P>(rc::gen::set(&P::senders, rc::gen::inRange<std::size_t>(1, 4)),
                           rc::gen::set(&P::messages, rc::gen::inRange<std::size_t>(1, 6)));
}

/// The default workload sources of `weft run --generate` (found by register_model).
inline params_source<actor_params> weft_params_generator(std::type_identity<actor_params>) { return sample_with(gen_actor_params()); }

}  // namespace weft::scenarios
