// weft/scenarios/memory_gen.hpp — RapidCheck generators for the memory
// family's parameters (`weft run --generate N`): receivers, callers, rounds,
// ring items, and the deque's pushes (at most its capacity, 4), takes and thieves.
#pragma once

#include <rapidcheck.h>

#include <type_traits>

#include "weft/scenarios/generate.hpp"
#include "weft/scenarios/memory.hpp"

namespace weft::scenarios {

inline rc::Gen<message_params> gen_message_params() {
  return rc::gen::build<message_params>(rc::gen::set(&message_params::receivers, rc::gen::inRange<std::size_t>(1, 4)));
}
inline rc::Gen<lazy_params> gen_lazy_params() {
  return rc::gen::build<lazy_params>(rc::gen::set(&lazy_params::threads, rc::gen::inRange<std::size_t>(2, 5)));
}
inline rc::Gen<two_thread_params> gen_two_thread_params() {
  return rc::gen::build<two_thread_params>(
      rc::gen::set(&two_thread_params::rounds, rc::gen::inRange<std::size_t>(1, 4)));
}
inline rc::Gen<ring_params> gen_ring_params() {
  return rc::gen::build<ring_params>(rc::gen::set(&ring_params::items, rc::gen::inRange<std::size_t>(1, 7)));
}
inline rc::Gen<deque_params> gen_deque_params() {
  return rc::gen::build<deque_params>(rc::gen::set(&deque_params::pushes, rc::gen::inRange<std::size_t>(1, 5)),
                                      rc::gen::set(&deque_params::takes, rc::gen::inRange<std::size_t>(0, 5)),
                                      rc::gen::set(&deque_params::thieves, rc::gen::inRange<std::size_t>(1, 3)),
                                      rc::gen::set(&deque_params::steals, rc::gen::inRange<std::size_t>(1, 4)));
}

inline params_source<message_params> weft_params_generator(std::type_identity<message_params>) {
  return sample_with(gen_message_params());
}
inline params_source<lazy_params> weft_params_generator(std::type_identity<lazy_params>) {
  return sample_with(gen_lazy_params());
}
inline params_source<two_thread_params> weft_params_generator(std::type_identity<two_thread_params>) {
  return sample_with(gen_two_thread_params());
}
inline params_source<ring_params> weft_params_generator(std::type_identity<ring_params>) {
  return sample_with(gen_ring_params());
}
inline params_source<deque_params> weft_params_generator(std::type_identity<deque_params>) {
  return sample_with(gen_deque_params());
}

}  // namespace weft::scenarios
