// The cache family (models.md "structures, limiters, actors, pipes"): 002's
// ThreadSafeCache with its check-then-act eviction.
#include "weft/model_scenario.hpp"
#include "weft/scenarios/cache.hpp"
#include "weft/scenarios/cache_gen.hpp"
#include "weft/scenarios/families.hpp"

namespace weft::scenarios {

void register_cache() {
  using k = finding_kind;
  register_model<cache_evict_check_then_act>({
      .name = "cache/cache_evict_check_then_act",
      .seed_ref = "002 L7013",
      .summary = "size check, eviction and insert in separate critical sections, max 5",
      .expected = {k::assertion},
      .checked = {.readers = 0, .writers = 2, .reader_ops = 0, .writer_ops = 1, .keys = 1, .max_size = 1},
      .stress = {.readers = 3, .writers = 3, .reader_ops = 8, .writer_ops = 4, .keys = 5, .max_size = 5},
      .relacy = true,
  });
}

}  // namespace weft::scenarios
