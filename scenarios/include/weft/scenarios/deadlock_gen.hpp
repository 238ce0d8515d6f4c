// weft/scenarios/deadlock_gen.hpp — RapidCheck generators for the deadlock
// family's parameters (used by `weft run --generate N`): threads, rounds per
// thread, hold and timeout times, philosophers and meals.
#pragma once

#include <cstddef>

#include <rapidcheck.h>

#include <type_traits>

#include "weft/scenarios/generate.hpp"

#include "weft/scenarios/deadlock.hpp"

namespace weft::scenarios {

inline rc::Gen<lock_order_params> gen_lock_order_params() {
  return rc::gen::build<lock_order_params>(
      rc::gen::set(&lock_order_params::threads, rc::gen::inRange<std::size_t>(2, 5)),
      rc::gen::set(&lock_order_params::rounds, rc::gen::inRange<std::size_t>(1, 4)),
      rc::gen::set(&lock_order_params::hold_ms, rc::gen::inRange<long>(0, 201)));
}

inline rc::Gen<order_manager_params> gen_order_manager_params() {
  return rc::gen::build<order_manager_params>(
      rc::gen::set(&order_manager_params::threads, rc::gen::inRange<std::size_t>(2, 4)),
      rc::gen::set(&order_manager_params::rounds, rc::gen::inRange<std::size_t>(1, 4)),
      rc::gen::set(&order_manager_params::work_ms, rc::gen::inRange<long>(0, 201)));
}

inline rc::Gen<timeout_lock_params> gen_timeout_lock_params() {
  return rc::gen::build<timeout_lock_params>(
      rc::gen::set(&timeout_lock_params::timeout_ms, rc::gen::inRange<long>(1, 3001)),
      rc::gen::set(&timeout_lock_params::hold_ms, rc::gen::inRange<long>(0, 1001)));
}

inline rc::Gen<backoff_params> gen_backoff_params() {
  return rc::gen::build<backoff_params>(
      rc::gen::set(&backoff_params::threads, rc::gen::inRange<std::size_t>(2, 4)),
      rc::gen::set(&backoff_params::rounds, rc::gen::inRange<std::size_t>(1, 4)));
}

inline rc::Gen<philosophers_params> gen_philosophers_params() {
  return rc::gen::build<philosophers_params>(
      rc::gen::set(&philosophers_params::philosophers, rc::gen::inRange<std::size_t>(2, 6)),
      rc::gen::set(&philosophers_params::meals, rc::gen::inRange<std::size_t>(1, 3)));
}

inline rc::Gen<self_relock_params> gen_self_relock_params() {
  return rc::gen::build<self_relock_params>(
      rc::gen::set(&self_relock_params::threads, rc::gen::inRange<std::size_t>(1, 3)));
}

/// The default workload sources of `weft run --generate` (found by register_model).
inline params_source<lock_order_params> weft_params_generator(std::type_identity<lock_order_params>) { return sample_with(gen_lock_order_params()); }
inline params_source<order_manager_params> weft_params_generator(std::type_identity<order_manager_params>) { return sample_with(gen_order_manager_params()); }
inline params_source<timeout_lock_params> weft_params_generator(std::type_identity<timeout_lock_params>) { return sample_with(gen_timeout_lock_params()); }
inline params_source<backoff_params> weft_params_generator(std::type_identity<backoff_params>) { return sample_with(gen_backoff_params()); }
inline params_source<philosophers_params> weft_params_generator(std::type_identity<philosophers_params>) { return sample_with(gen_philosophers_params()); }
inline params_source<self_relock_params> weft_params_generator(std::type_identity<self_relock_params>) { return sample_with(gen_self_relock_params()); }

}  // namespace weft::scenarios
