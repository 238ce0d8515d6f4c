// The pipeline family (models.md "structures, limiters, actors, pipes"): 004's
// AsyncPipeline, whose consumer waits for outputs errored items never send.
#include "weft/model_scenario.hpp"
#include "weft/scenarios/families.hpp"
#include "weft/scenarios/pipeline.hpp"
#include "weft/scenarios/pipeline_gen.hpp"

namespace weft::scenarios {

void register_pipeline() {
  using k = finding_kind;
  register_model<pipeline_error_accounting>({
      .name = "pipeline/pipeline_error_accounting",
      .seed_ref = "004 §16.5.1",
      .summary = "the sink waits for outputs that errored items never send",
      .expected = {k::deadlock, k::lost_wakeup, k::stress_timeout},
      .checked = {.items = 2, .processors = 1, .buffer = 2, .error_every = 2},
      .stress = {.items = 20, .processors = 3, .buffer = 10, .error_every = 10},
      .real_threads = false,
      .relacy = true,
      .notes = "the consumer waits for ever; asyncio coroutines are threads taking turns on one loop mutex",
  });
}

}  // namespace weft::scenarios
