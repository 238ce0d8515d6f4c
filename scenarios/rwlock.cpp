// The rwlock family (models.md "rwlock — readers and writers"): readers and
// writers on a table behind each readers-writer lock, and the seed's cache.
#include "weft/model_scenario.hpp"
#include "weft/scenarios/families.hpp"
#include "weft/scenarios/rwlock.hpp"
#include "weft/scenarios/rwlock_gen.hpp"

namespace weft::scenarios {

void register_rwlock() {
  using k = finding_kind;
  const rwlock_params tutorial{};  // 8 readers x 50, 2 writers x 20, 10 keys
  const rwlock_params small{.readers = 2, .writers = 2, .reads = 1, .writes = 1, .keys = 2};
  register_model<rwlock_seed_two_conditions>({
      .name = "rwlock/seed_two_conditions",
      .seed_ref = "002 §5.4.03 ReadWriteLock (L8508)",
      .summary = "the tutorial's lock: readers wait on one condition/lock, writers on another",
      .expected = {k::assertion, k::lost_wakeup, k::deadlock, k::data_race},
      .checked = {.readers = 1, .writers = 1, .reads = 1, .writes = 1, .keys = 1},
      .stress = tutorial,
      .real_threads = false,  // the writers' lost wakeup hangs real threads
      .relacy = true,
      .notes = "the reader/writer counts are read and written under two different locks: the race "
               "detector reports data_race in the first execution; with races off, the writer's lost "
               "wakeup (found at once by random, PCT and DFS). The reader-and-writer-inside-together "
               "assertion needs a preemption between two plain accesses, which the controlled "
               "scheduler does not take (var accesses are not scheduling points); real threads show it",
  });
  register_model<rwlock_cache_stats_under_read_lock>({
      .name = "rwlock/cache_stats_under_read_lock",
      .seed_ref = "002 §5.4.03 ThreadSafeCache",
      .summary = "statistics incremented while holding only the (shared) read lock",
      .expected = {k::data_race, k::assertion, k::tsan_data_race},
      .checked = {.readers = 2, .writers = 1, .reads = 1, .writes = 1, .keys = 2},
      .stress = tutorial,
      .relacy = true,
      .notes = "behind a correct shared_mutex, so the statistics race is the only bug",
  });
  register_model<rwlock_reader_preferring>({
      .name = "rwlock/reader_preferring",
      .seed_ref = "-",
      .summary = "one mutex + one condition variable, correct",
      .checked = small,
      .stress = tutorial,
      .relacy = true,
      .notes = "writer starvation is possible (no liveness check reports it yet)",
  });
  register_model<rwlock_writer_preferring>({
      .name = "rwlock/writer_preferring",
      .seed_ref = "-",
      .summary = "waiting writers block new readers",
      .checked = small,
      .stress = tutorial,
      .relacy = true,
  });
  register_model<rwlock_std_shared_mutex>({
      .name = "rwlock/std_shared_mutex",
      .seed_ref = "-",
      .summary = "Sync::shared_mutex",
      .checked = small,
      .stress = tutorial,
      .relacy = true,
  });
}

}  // namespace weft::scenarios
