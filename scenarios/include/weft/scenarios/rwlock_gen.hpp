// weft/scenarios/rwlock_gen.hpp — RapidCheck generators for the rwlock
// family's parameters (used by `weft run --generate N`): readers, writers,
// operations per thread and keys, kept small enough for the controlled scheduler.
#pragma once

#include <cstddef>

#include <rapidcheck.h>

#include <type_traits>

#include "weft/scenarios/generate.hpp"

#include "weft/scenarios/rwlock.hpp"

namespace weft::scenarios {

inline rc::Gen<rwlock_params> gen_rwlock_params() {
  return rc::gen::build<rwlock_params>(
      rc::gen::set(&rwlock_params::readers, rc::gen::inRange<std::size_t>(1, 4)),
      rc::gen::set(&rwlock_params::writers, rc::gen::inRange<std::size_t>(1, 3)),
      rc::gen::set(&rwlock_params::reads, rc::gen::inRange<std::size_t>(1, 4)),
      rc::gen::set(&rwlock_params::writes, rc::gen::inRange<std::size_t>(1, 4)),
      rc::gen::set(&rwlock_params::keys, rc::gen::inRange<std::size_t>(1, 4)));
}

/// The default workload sources of `weft run --generate` (found by register_model).
inline params_source<rwlock_params> weft_params_generator(std::type_identity<rwlock_params>) { return sample_with(gen_rwlock_params()); }

}  // namespace weft::scenarios
