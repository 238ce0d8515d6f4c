// weft/scenarios/event.hpp — the event family's scenario templates (shape of
// weft/scenario_shape.hpp): 004's ServiceManager and 002's traffic light.
#pragma once

#include <chrono>
#include <cstddef>

#include "weft/assert.hpp"
#include "weft/models/event.hpp"

namespace weft::scenarios {

struct event_params {
  std::size_t workers = 3;  // waiting threads (000: 3 waiters; 004: 1 worker)
  long init_ms = 2000;      // before ready
  long run_ms = 3000;       // from ready to shutdown
  long step_ms = 500;       // one work step
};

/// No work before ready; every worker exits, and only after shutdown was requested.
/// Threads 0..workers-1 are workers, thread `workers` the initializer.
template <class Sync>
struct event_ready {
  using params = event_params;
  explicit event_ready(const params& p) : p_(p) {}
  std::size_t thread_count() const { return p_.workers + 1; }
  void thread(std::size_t i) {
    if (i == p_.workers) {
      manager_.service_initializer(std::chrono::milliseconds(p_.init_ms),
                                   std::chrono::milliseconds(p_.run_ms));
      return;
    }
    manager_.service_worker([&] { WEFT_ASSERT(manager_.is_ready(), "work before the service was ready"); },
                            std::chrono::milliseconds(p_.step_ms));
    WEFT_ASSERT(manager_.is_shutdown_requested(), "worker left before shutdown was requested");
  }
  void check() { WEFT_ASSERT(manager_.is_ready() && manager_.is_shutdown_requested()); }

 private:
  params p_;
  models::service_manager<Sync> manager_;
};

struct traffic_light_params {
  std::size_t cars = 5;
  std::size_t pedestrians = 3;
  long duration_ms = 20000;  // run_simulation(duration=20)
};

/// At most one light is on at any time. Threads: 0 red, 1 yellow, 2 green
/// controller, 3 the simulation (sleeps, then stop()), then cars, then pedestrians.
template <class Sync>
struct event_traffic_light {
  using params = traffic_light_params;
  explicit event_traffic_light(const params& p) : p_(p) {}
  std::size_t thread_count() const { return 4 + p_.cars + p_.pedestrians; }
  void thread(std::size_t i) {
    auto exclusive = [&] { WEFT_ASSERT(light_.lights_on() <= 1, "two lights on at once"); };
    switch (i) {
      case 0: light_.red_light_controller(exclusive); return;
      case 1: light_.yellow_light_controller(exclusive); return;
      case 2: light_.green_light_controller(exclusive); return;
      case 3:
        Sync::this_thread::sleep_for(std::chrono::milliseconds(p_.duration_ms));
        light_.stop();
        return;
      default:
        if (i < 4 + p_.cars) {
          light_.car([] {});
        } else {
          light_.pedestrian();
        }
    }
  }
  void check() {}

 private:
  params p_;
  models::traffic_light<Sync> light_;
};

}  // namespace weft::scenarios
