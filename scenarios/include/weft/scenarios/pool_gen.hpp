// weft/scenarios/pool_gen.hpp — RapidCheck generators for the pool family's
// params (rc::Gen<params> per params struct), for `weft run --generate`.
#pragma once

#include <rapidcheck.h>

#include <type_traits>

#include "weft/scenarios/generate.hpp"

#include "weft/scenarios/pool.hpp"

namespace weft::scenarios {

inline rc::Gen<pool_params> gen_pool_params() {
  using P = pool_params;
  return rc::gen::build<P>(rc::gen::set(&P::workers, rc::gen::inRange<std::size_t>(1, 5)),
                           rc::gen::set(&P::tasks, rc::gen::inRange<std::size_t>(0, 9)),
                           rc::gen::set(&P::task_ms, rc::gen::inRange<long>(0, 1001)));
}

inline rc::Gen<chain_params> gen_chain_params() {
  using P = chain_params;
  return rc::gen::build<P>(rc::gen::set(&P::workers, rc::gen::inRange<std::size_t>(1, 4)),
                           rc::gen::set(&P::fetch_ms, rc::gen::inRange<long>(0, 2001)),
                           rc::gen::set(&P::parse_ms, rc::gen::inRange<long>(0, 1001)),
                           rc::gen::set(&P::store_ms, rc::gen::inRange<long>(0, 1001)),
                           rc::gen::set(&P::main_sleep_ms, rc::gen::inRange<long>(0, 4001)));
}

/// The default workload sources of `weft run --generate` (found by register_model).
inline params_source<pool_params> weft_params_generator(std::type_identity<pool_params>) { return sample_with(gen_pool_params()); }
inline params_source<chain_params> weft_params_generator(std::type_identity<chain_params>) { return sample_with(gen_chain_params()); }

}  // namespace weft::scenarios
