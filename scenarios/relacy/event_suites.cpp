// event_suites.cpp — the event family under Relacy (a Relacy translation unit:
// weft headers first, then suite.hpp).
#include <atomic>
#include <chrono>
#include <vector>

#include "weft/scenarios/event.hpp"

#include "suite.hpp"

namespace weft::relacy_program {
namespace {

using scenarios::event_params;
using scenarios::traffic_light_params;
// The controlled scheduler's parameters (weft's registry, scenarios/event.cpp).
constexpr event_params two_workers{.workers = 2, .init_ms = 1000, .run_ms = 1000, .step_ms = 500};
constexpr traffic_light_params lights_only{.cars = 0, .pedestrians = 0, .duration_ms = 12000};

}  // namespace

void add_event_suites(std::vector<entry>& out) {
  // workers + the initializer
  out.push_back(suite_entry<scenarios::event_ready, two_workers, two_workers.workers + 1>("event/event_ready"));
  // three controllers + the simulation + cars + pedestrians
  constexpr std::size_t light_threads = 4 + lights_only.cars + lights_only.pedestrians;
  out.push_back(suite_entry<scenarios::event_traffic_light, lights_only, light_threads>("event/traffic_light"));
}

}  // namespace weft::relacy_program
