// The actor family (models.md "structures, limiters, actors, pipes"): 004's
// asyncio Actor whose stop() drops queued messages.
#include "weft/model_scenario.hpp"
#include "weft/scenarios/actor.hpp"
#include "weft/scenarios/actor_gen.hpp"
#include "weft/scenarios/families.hpp"

namespace weft::scenarios {

void register_actor() {
  using k = finding_kind;
  register_model<actor_stop_drops>({
      .name = "actor/actor_stop_drops",
      .seed_ref = "004 §16.5.5",
      .summary = "stop() clears running before the stop message: queued messages lost",
      .expected = {k::assertion},
      .checked = {.senders = 1, .messages = 2},
      .stress = {.senders = 1, .messages = 3},
      .relacy = true,
      .notes = "asyncio coroutines are threads taking turns on one loop mutex",
      .stress_notes = "the loss needs stop() to run while messages are still queued; on real threads the "
                      "actor's task usually drains the queue first, so it shows only in some iterations",
  });
}

}  // namespace weft::scenarios
