// The counter family (models.md "counter — lost updates"): N threads each
// increment a shared counter M times; afterwards the count must be N×M.
#include "weft/model_scenario.hpp"
#include "weft/scenarios/counter.hpp"
#include "weft/scenarios/counter_gen.hpp"
#include "weft/scenarios/families.hpp"

namespace weft::scenarios {

void register_counter() {
  using k = finding_kind;
  const counter_params tutorial{5, 100};
  register_model<counter_unsafe>({
      .name = "counter/unsafe",
      .seed_ref = "000 §2.2, 001 §11.3.5, 004 §16.2.2",
      .summary = "read, +1, write on a plain variable",
      .expected = {k::data_race, k::assertion, k::tsan_data_race},
      .stress = tutorial,
      .relacy = true,
  });
  register_model<counter_split_rmw>({
      .name = "counter/split_rmw",
      .seed_ref = "002 L19987",
      .summary = "get and set each under the lock, separately",
      .expected = {k::assertion},
      .stress = tutorial,
      .relacy = true,
  });
  register_model<counter_relaxed_load_store>({
      .name = "counter/relaxed_load_store",
      .seed_ref = "-",
      .summary = "atomic load then atomic store, relaxed",
      .expected = {k::assertion},
      .stress = tutorial,
      .relacy = true,
  });
  register_model<counter_locked>({
      .name = "counter/locked",
      .seed_ref = "all",
      .summary = "a mutex around the increment",
      .stress = tutorial,
      .relacy = true,
  });
  register_model<counter_atomic>({
      .name = "counter/atomic",
      .seed_ref = "002 §5.4.03",
      .summary = "fetch_add",
      .stress = tutorial,
      .relacy = true,
  });
  register_model<counter_thread_local_sum>({
      .name = "counter/thread_local_sum",
      .seed_ref = "002 §5.4.03",
      .summary = "per-thread counts summed after join",
      .stress = tutorial,
      .relacy = true,
  });
  register_model<counter_queue_serialized>({
      .name = "counter/queue_serialized",
      .seed_ref = "002 §5.4.03",
      .summary = "one worker applies increments sent through a queue",
      .stress = tutorial,
      .relacy = true,
  });
}

}  // namespace weft::scenarios
