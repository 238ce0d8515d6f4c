// The memory family (issue 13, item 6): hand-rolled synchronisation on
// atomics whose bug is a weak memory order, each with its correct twin.
// Their bugs need the C++ memory model (`weft run` by default, and Relacy).
// Under `--memory-model sc` the races behind a relaxed flag or index are
// still found (happens-before follows the orders), but Peterson's, Dekker's
// and the deque's bugs need a load that reads an older store: they pass.
#include "weft/model_scenario.hpp"
#include "weft/scenarios/families.hpp"
#include "weft/scenarios/memory.hpp"
#include "weft/scenarios/memory_gen.hpp"

namespace weft::scenarios {

namespace {
constexpr const char* store_buffering_on_x86 =
    "x86 reorders only a store before a later load (store buffering): the other orders' bugs do not show on "
    "its real threads, except through the compiler; ThreadSanitizer sees the unordered plain accesses";
constexpr const char* needs_store_buffering =
    "needs the store buffer to delay a store past the same thread's next load while the other thread is at "
    "the same point: rare on real threads";
}  // namespace

void register_memory() {
  using k = finding_kind;
  const std::vector<finding_kind> race = {k::data_race, k::assertion, k::tsan_data_race};
  register_model<memory_message_relaxed>({
      .name = "memory/message_relaxed",
      .seed_ref = "-",
      .summary = "data in a plain variable published by a relaxed flag",
      .expected = race,
      .relacy = true,
      .stress_notes = store_buffering_on_x86,
  });
  register_model<memory_message_release_acquire>({
      .name = "memory/message_release_acquire",
      .seed_ref = "-",
      .summary = "data in a plain variable published by a release/acquire flag",
      .relacy = true,
  });
  register_model<memory_double_checked_relaxed>({
      .name = "memory/double_checked_relaxed",
      .seed_ref = "-",
      .summary = "double-checked initialisation, the pointer's fast-path load relaxed",
      .expected = race,
      .relacy = true,
      .stress_notes = store_buffering_on_x86,
  });
  register_model<memory_double_checked_acquire>({
      .name = "memory/double_checked_acquire",
      .seed_ref = "-",
      .summary = "double-checked initialisation, the pointer's fast-path load acquire",
      .relacy = true,
  });
  register_model<memory_peterson_acq_rel>({
      .name = "memory/peterson_acq_rel",
      .seed_ref = "-",
      .summary = "Peterson's lock with release stores and acquire loads: both threads enter",
      .expected = race,
      .relacy = true,
      .stress_notes = needs_store_buffering,
  });
  register_model<memory_peterson_seq_cst>({
      .name = "memory/peterson_seq_cst",
      .seed_ref = "-",
      .summary = "Peterson's lock with seq_cst stores and loads",
      .relacy = true,
  });
  register_model<memory_dekker_no_fence>({
      .name = "memory/dekker_no_fence",
      .seed_ref = "-",
      .summary = "store my flag (release), load the other's (acquire), no fence: both threads enter",
      .expected = race,
      .relacy = true,
      .stress_notes = needs_store_buffering,
  });
  register_model<memory_dekker_seq_cst_fence>({
      .name = "memory/dekker_seq_cst_fence",
      .seed_ref = "-",
      .summary = "store my flag, seq_cst fence, load the other's",
      .relacy = true,
  });
  register_model<memory_spsc_relaxed_index>({
      .name = "memory/spsc_relaxed_index",
      .seed_ref = "-",
      .summary = "single-producer single-consumer ring, the producer's index store relaxed",
      .expected = race,
      .relacy = true,
      .stress_notes = store_buffering_on_x86,
  });
  register_model<memory_spsc_release_acquire>({
      .name = "memory/spsc_release_acquire",
      .seed_ref = "-",
      .summary = "single-producer single-consumer ring, indices release/acquire",
      .relacy = true,
  });
  register_model<memory_work_stealing_acq_rel_fence>({
      .name = "memory/work_stealing_acq_rel_fence",
      .seed_ref = "-",
      .summary = "Chase-Lev deque, take()'s seq_cst fence weakened to acq_rel: an element obtained twice",
      .expected = {k::assertion},
      .relacy = true,
      .stress_notes = needs_store_buffering,
  });
  register_model<memory_work_stealing_c11>({
      .name = "memory/work_stealing_c11",
      .seed_ref = "Le, Pop, Cohen, Zappa Nardelli, PPoPP 2013",
      .summary = "Chase-Lev deque with the published C11 orders (fixed capacity)",
      .relacy = true,
  });
}

}  // namespace weft::scenarios
