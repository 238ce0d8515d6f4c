// The once family (models.md "pools, futures, once"): lazy initialisation,
// double-checked on a plain map, on an atomic flag, and call_once.
#include "weft/model_scenario.hpp"
#include "weft/scenarios/families.hpp"
#include "weft/scenarios/once.hpp"
#include "weft/scenarios/once_gen.hpp"

namespace weft::scenarios {

void register_once() {
  using k = finding_kind;
  const once_params tutorial{.threads = 3, .lookups = 3, .keys = 3};
  register_model<once_double_checked_plain>({
      .name = "once/double_checked_plain",
      .seed_ref = "002 §5.4.04 get_lock",
      .summary = "lazy init checked on a plain map outside the lock",
      .expected = {k::data_race, k::tsan_data_race},
      .checked = {.threads = 2, .lookups = 1, .keys = 1},
      .stress = tutorial,
      .relacy = true,
  });
  register_model<once_double_checked_atomic>({
      .name = "once/double_checked_atomic",
      .seed_ref = "-",
      .summary = "double-checked locking on an acquire/release flag",
      .checked = {.threads = 2, .lookups = 2, .keys = 1},
      .stress = tutorial,
      .relacy = true,
  });
  register_model<once_call_once>({
      .name = "once/call_once",
      .seed_ref = "-",
      .summary = "std::call_once equivalent (mutex + condition variable)",
      .checked = {.threads = 2, .lookups = 2, .keys = 1},
      .stress = tutorial,
      .relacy = true,
  });
}

}  // namespace weft::scenarios
