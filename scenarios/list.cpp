// The list family (models.md "structures, limiters, actors, pipes"): 002's
// queue-backed ThreadSafeList with its size counter.
#include "weft/model_scenario.hpp"
#include "weft/scenarios/families.hpp"
#include "weft/scenarios/list.hpp"
#include "weft/scenarios/list_gen.hpp"

namespace weft::scenarios {

void register_list() {
  using k = finding_kind;
  register_model<list_size_counter>({
      .name = "list/list_size_counter",
      .seed_ref = "002 §5.2.04 (L6783)",
      .summary = "size counter updated outside the serializing thread",
      .expected = {k::data_race, k::assertion, k::tsan_data_race},
      .checked = {.appenders = 2, .readers = 0, .appends = 1, .reads = 0},
      .stress = {.appenders = 3, .readers = 3, .appends = 10, .reads = 5},
      .relacy = true,
  });
}

}  // namespace weft::scenarios
