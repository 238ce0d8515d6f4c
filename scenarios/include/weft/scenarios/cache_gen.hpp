// weft/scenarios/cache_gen.hpp — RapidCheck generator for the cache family's
// params (rc::Gen<params>), for `weft run --generate`.
#pragma once

#include <rapidcheck.h>

#include <type_traits>

#include "weft/scenarios/generate.hpp"

#include "weft/scenarios/cache.hpp"

namespace weft::scenarios {

inline rc::Gen<cache_params> gen_cache_params() {
  using P = cache_params;
  return rc::gen::build<P>(rc::gen::set(&P::readers, rc::gen::inRange<std::size_t>(0, 4)),
                           rc::gen::set(&P::writers, rc::gen::inRange<std::size_t>(1, 4)),
                           rc::gen::set(&P::reader_ops, rc::gen::inRange<std::size_t>(0, 9)),
                           rc::gen::set(&P::writer_ops, rc::gen::inRange<std::size_t>(1, 5)),
                           rc::gen::set(&P::keys, rc::gen::inRange<std::size_t>(1, 6)),
                           rc::gen::set(&P::max_size, rc::gen::inRange<std::size_t>(1, 6)));
}

/// The default workload sources of `weft run --generate` (found by register_model).
inline params_source<cache_params> weft_params_generator(std::type_identity<cache_params>) { return sample_with(gen_cache_params()); }

}  // namespace weft::scenarios
