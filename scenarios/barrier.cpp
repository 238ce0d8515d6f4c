// The barrier family (models.md "semaphore, event, barrier"): a reused barrier,
// with and without a generation count.
#include "weft/model_scenario.hpp"
#include "weft/scenarios/barrier.hpp"
#include "weft/scenarios/barrier_gen.hpp"
#include "weft/scenarios/families.hpp"

namespace weft::scenarios {

void register_barrier() {
  using k = finding_kind;
  register_model<barrier_phases>({
      .name = "barrier/barrier_phases",
      .seed_ref = "004 §16.2.2 (4 workers, 2 phases, reused)",
      .summary = "threading.Barrier between phases: nobody starts phase k+1 early",
      .checked = {.workers = 2, .phases = 2, .work_ms = 0},
      .stress = {.workers = 4, .phases = 2, .work_ms = 1000},
      .relacy = true,
  });
  register_model<barrier_no_generation>({
      .name = "barrier/barrier_no_generation",
      .seed_ref = "-",
      .summary = "hand-made barrier without a generation count, reused",
      .expected = {k::deadlock, k::lost_wakeup, k::assertion, k::stress_timeout},
      .checked = {.workers = 2, .phases = 2, .work_ms = 0},
      .stress = {.workers = 4, .phases = 2, .work_ms = 1000},
      .real_threads = false,
      .relacy = true,
      .notes = "the failure is a hang (a slow waiter re-waits in the old phase)",
  });
}

}  // namespace weft::scenarios
