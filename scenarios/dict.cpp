// The dict family (models.md "structures, limiters, actors, pipes"): 004's
// ThreadSafeDict exercise.
#include "weft/model_scenario.hpp"
#include "weft/scenarios/dict.hpp"
#include "weft/scenarios/dict_gen.hpp"
#include "weft/scenarios/families.hpp"

namespace weft::scenarios {

void register_dict() {
  register_model<dict_locked_dict>({
      .name = "dict/locked_dict",
      .seed_ref = "004 §16.9 ex. 1",
      .summary = "ThreadSafeDict: get/set/delete under one lock",
      .checked = {.threads = 2, .operations = 2},
      .stress = {.threads = 3, .operations = 100},
      .relacy = true,
      .notes = "checks the final contents against the sequential effect; a linearizability "
               "check of whole histories may replace that",
  });
}

}  // namespace weft::scenarios
