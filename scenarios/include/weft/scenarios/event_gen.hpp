// weft/scenarios/event_gen.hpp — RapidCheck generators for the event family's
// params (rc::Gen<params> per params struct), for `weft run --generate`.
#pragma once

#include <rapidcheck.h>

#include <type_traits>

#include "weft/scenarios/generate.hpp"

#include "weft/scenarios/event.hpp"

namespace weft::scenarios {

inline rc::Gen<event_params> gen_event_params() {
  using P = event_params;
  return rc::gen::build<P>(rc::gen::set(&P::workers, rc::gen::inRange<std::size_t>(1, 5)),
                           rc::gen::set(&P::init_ms, rc::gen::inRange<long>(0, 3001)),
                           rc::gen::set(&P::run_ms, rc::gen::inRange<long>(0, 4001)),
                           rc::gen::set(&P::step_ms, rc::gen::inRange<long>(100, 1001)));
}

inline rc::Gen<traffic_light_params> gen_traffic_light_params() {
  using P = traffic_light_params;
  return rc::gen::build<P>(rc::gen::set(&P::cars, rc::gen::inRange<std::size_t>(0, 6)),
                           rc::gen::set(&P::pedestrians, rc::gen::inRange<std::size_t>(0, 4)),
                           rc::gen::set(&P::duration_ms, rc::gen::inRange<long>(1000, 30001)));
}

/// The default workload sources of `weft run --generate` (found by register_model).
inline params_source<event_params> weft_params_generator(std::type_identity<event_params>) { return sample_with(gen_event_params()); }
inline params_source<traffic_light_params> weft_params_generator(std::type_identity<traffic_light_params>) { return sample_with(gen_traffic_light_params()); }

}  // namespace weft::scenarios
