// The semaphore family (models.md "semaphore, event, barrier"): a semaphore
// limiting holders, 004's ConnectionPool with a shared slot, an over-release.
#include "weft/model_scenario.hpp"
#include "weft/scenarios/families.hpp"
#include "weft/scenarios/semaphore.hpp"
#include "weft/scenarios/semaphore_gen.hpp"

namespace weft::scenarios {

void register_semaphore() {
  using k = finding_kind;
  register_model<semaphore_connection_pool>({
      .name = "semaphore/connection_pool",
      .seed_ref = "000 §2.2",
      .summary = "Semaphore(2) around a resource: at most N holders",
      .checked = {.threads = 3, .permits = 2, .operations = 1, .hold_ms = 100},
      .stress = {.threads = 5, .permits = 2, .operations = 1, .hold_ms = 2000},
      .relacy = true,
  });
  register_model<semaphore_pool_shared_slot>({
      .name = "semaphore/pool_shared_slot",
      .seed_ref = "004 §16.2.2 ConnectionPool",
      .summary = "the acquired connection stored on the shared pool object",
      .expected = {k::assertion},
      .checked = {.threads = 2, .permits = 2, .operations = 1, .hold_ms = 100},
      .stress = {.threads = 5, .permits = 2, .operations = 1, .hold_ms = 1000},
      .real_threads = false,
      .relacy = true,
      .notes = "a failed release (ValueError) keeps its permit, so later acquires can block for ever "
               "on real threads",
  });
  register_model<semaphore_over_release>({
      .name = "semaphore/over_release",
      .seed_ref = "-",
      .summary = "a timed-out acquire still releases in `finally`: release beyond max",
      .expected = {k::misuse, k::assertion},
      .checked = {.threads = 2, .timeout_ms = 1000, .hold_ms = 2000},
      .stress = {.threads = 5, .timeout_ms = 1000, .hold_ms = 2000},
      .real_threads = false,
      .relacy = true,
      .notes = "needs the acquire timeout to fire (logical time); over-releasing a "
               "std::counting_semaphore is undefined behaviour, so no stress run",
  });
}

}  // namespace weft::scenarios
