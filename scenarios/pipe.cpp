// The pipe family (models.md "structures, limiters, actors, pipes"): 000's
// Pipe whose reader never sees EOF.
#include "weft/model_scenario.hpp"
#include "weft/scenarios/families.hpp"
#include "weft/scenarios/pipe.hpp"
#include "weft/scenarios/pipe_gen.hpp"

namespace weft::scenarios {

void register_pipe() {
  using k = finding_kind;
  register_model<pipe_eof_hang>({
      .name = "pipe/pipe_eof_hang",
      .seed_ref = "000 §3.2",
      .summary = "the reader waits for EOF while the parent keeps a writer end",
      .expected = {k::deadlock, k::lost_wakeup, k::stress_timeout},
      .checked = {.messages = 2},
      .stress = {.messages = 3},
      .real_threads = false,
      .relacy = true,
      .notes = "the receiver blocks for ever",
  });
}

}  // namespace weft::scenarios
