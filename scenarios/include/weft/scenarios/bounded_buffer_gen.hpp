// weft/scenarios/bounded_buffer_gen.hpp — RapidCheck generators for the
// bounded_buffer family's parameters (used by `weft run --generate N`):
// producers, consumers, items per thread, capacities, timeouts and delays.
#pragma once

#include <cstddef>

#include <rapidcheck.h>

#include <type_traits>

#include "weft/scenarios/generate.hpp"

#include "weft/scenarios/bounded_buffer.hpp"

namespace weft::scenarios {

/// Balanced producers and consumers (consumer_items 0).
inline rc::Gen<buffer_params> gen_buffer_params() {
  return rc::gen::build<buffer_params>(
      rc::gen::set(&buffer_params::producers, rc::gen::inRange<std::size_t>(1, 4)),
      rc::gen::set(&buffer_params::items, rc::gen::inRange<std::size_t>(1, 4)),
      rc::gen::set(&buffer_params::consumers, rc::gen::inRange<std::size_t>(1, 4)),
      rc::gen::set(&buffer_params::capacity, rc::gen::inRange<std::size_t>(1, 4)));
}

/// Counts that cannot balance: consumers want more, or fewer, than produced.
inline rc::Gen<buffer_params> gen_unbalanced_buffer_params() {
  return rc::gen::suchThat(
      rc::gen::build<buffer_params>(
          rc::gen::set(&buffer_params::producers, rc::gen::inRange<std::size_t>(1, 4)),
          rc::gen::set(&buffer_params::items, rc::gen::inRange<std::size_t>(1, 4)),
          rc::gen::set(&buffer_params::consumers, rc::gen::inRange<std::size_t>(1, 4)),
          rc::gen::set(&buffer_params::capacity, rc::gen::inRange<std::size_t>(1, 4)),
          rc::gen::set(&buffer_params::consumer_items, rc::gen::inRange<std::size_t>(1, 5))),
      [](const buffer_params& p) {
        const std::size_t supply = p.producers * p.items, demand = p.consumers * p.consumer_items;
        return demand > supply || supply - demand > p.capacity;
      });
}

inline rc::Gen<task_drain_params> gen_task_drain_params() {
  return rc::gen::build<task_drain_params>(
      rc::gen::set(&task_drain_params::tasks, rc::gen::inRange<std::size_t>(1, 5)),
      rc::gen::set(&task_drain_params::workers, rc::gen::inRange<std::size_t>(1, 4)),
      rc::gen::set(&task_drain_params::fail_every, rc::gen::inRange<std::size_t>(0, 4)),
      rc::gen::set(&task_drain_params::get_timeout_ms, rc::gen::inRange<long>(1, 2001)),
      rc::gen::set(&task_drain_params::work_ms, rc::gen::inRange<long>(0, 1001)));
}

inline rc::Gen<timeout_consumer_params> gen_timeout_consumer_params() {
  return rc::gen::build<timeout_consumer_params>(
      rc::gen::set(&timeout_consumer_params::producers, rc::gen::inRange<std::size_t>(1, 3)),
      rc::gen::set(&timeout_consumer_params::items, rc::gen::inRange<std::size_t>(1, 4)),
      rc::gen::set(&timeout_consumer_params::consumers, rc::gen::inRange<std::size_t>(1, 4)),
      rc::gen::set(&timeout_consumer_params::produce_interval_ms, rc::gen::inRange<long>(0, 2001)),
      rc::gen::set(&timeout_consumer_params::timeout_ms, rc::gen::inRange<long>(1, 2001)),
      rc::gen::set(&timeout_consumer_params::work_ms, rc::gen::inRange<long>(0, 1001)));
}

inline rc::Gen<sentinel_params> gen_sentinel_params() {
  return rc::gen::build<sentinel_params>(
      rc::gen::set(&sentinel_params::producers, rc::gen::inRange<std::size_t>(1, 3)),
      rc::gen::set(&sentinel_params::items, rc::gen::inRange<std::size_t>(0, 4)),
      rc::gen::set(&sentinel_params::consumers, rc::gen::inRange<std::size_t>(1, 4)),
      rc::gen::set(&sentinel_params::timeout_ms, rc::gen::inRange<long>(0, 3001)));
}

inline rc::Gen<worker_pool_params> gen_worker_pool_params() {
  return rc::gen::build<worker_pool_params>(
      rc::gen::set(&worker_pool_params::workers, rc::gen::inRange<std::size_t>(1, 4)),
      rc::gen::set(&worker_pool_params::tasks, rc::gen::inRange<std::size_t>(1, 5)),
      rc::gen::set(&worker_pool_params::get_timeout_ms, rc::gen::inRange<long>(1, 2001)),
      rc::gen::set(&worker_pool_params::work_ms, rc::gen::inRange<long>(0, 1001)));
}

inline rc::Gen<late_consumers_params> gen_late_consumers_params() {
  return rc::gen::build<late_consumers_params>(
      rc::gen::set(&late_consumers_params::producers, rc::gen::inRange<std::size_t>(1, 3)),
      rc::gen::set(&late_consumers_params::items, rc::gen::inRange<std::size_t>(1, 4)),
      rc::gen::set(&late_consumers_params::consumers, rc::gen::inRange<std::size_t>(1, 3)),
      rc::gen::set(&late_consumers_params::maxsize, rc::gen::inRange<std::size_t>(0, 4)),
      rc::gen::set(&late_consumers_params::produce_interval_ms, rc::gen::inRange<long>(0, 201)),
      rc::gen::set(&late_consumers_params::consume_interval_ms, rc::gen::inRange<long>(0, 201)));
}

/// The default workload sources of `weft run --generate` (found by register_model).
inline params_source<buffer_params> weft_params_generator(std::type_identity<buffer_params>) { return sample_with(gen_buffer_params()); }
inline params_source<task_drain_params> weft_params_generator(std::type_identity<task_drain_params>) { return sample_with(gen_task_drain_params()); }
inline params_source<timeout_consumer_params> weft_params_generator(std::type_identity<timeout_consumer_params>) { return sample_with(gen_timeout_consumer_params()); }
inline params_source<sentinel_params> weft_params_generator(std::type_identity<sentinel_params>) { return sample_with(gen_sentinel_params()); }
inline params_source<worker_pool_params> weft_params_generator(std::type_identity<worker_pool_params>) { return sample_with(gen_worker_pool_params()); }
inline params_source<late_consumers_params> weft_params_generator(std::type_identity<late_consumers_params>) { return sample_with(gen_late_consumers_params()); }

}  // namespace weft::scenarios
