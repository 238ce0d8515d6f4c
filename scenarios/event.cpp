// The event family (models.md "semaphore, event, barrier"): 004's
// ServiceManager and 002's traffic light.
#include "weft/model_scenario.hpp"
#include "weft/scenarios/event.hpp"
#include "weft/scenarios/event_gen.hpp"
#include "weft/scenarios/families.hpp"

namespace weft::scenarios {

void register_event() {
  using k = finding_kind;
  register_model<event_ready>({
      .name = "event/event_ready",
      .seed_ref = "000 §2.2, 004 §16.2.2 ServiceManager",
      .summary = "no work before ready; workers exit after shutdown",
      .checked = {.workers = 2, .init_ms = 1000, .run_ms = 1000, .step_ms = 500},
      .stress = {.workers = 3, .init_ms = 2000, .run_ms = 3000, .step_ms = 500},
      .relacy = true,
  });
  register_model<event_traffic_light>({
      .name = "event/traffic_light",
      .seed_ref = "002 §5.2.03b",
      .summary = "three events meant to be exclusive",
      .expected = {k::assertion, k::deadlock, k::lost_wakeup},
      .checked = {.cars = 0, .pedestrians = 0, .duration_ms = 12000},
      .stress = {.cars = 5, .pedestrians = 3, .duration_ms = 20000},
      .real_threads = false,
      .relacy = true,
      .notes = "after stop() controllers and cars stay blocked in Event.wait() (the seed hides it "
               "with join(timeout=1)), so it never ends on real threads",
  });
}

}  // namespace weft::scenarios
