// The pool family (models.md "pools, futures, once"): a thread pool with
// futures, and a callback chain that submits after shutdown.
#include "weft/model_scenario.hpp"
#include "weft/scenarios/families.hpp"
#include "weft/scenarios/pool.hpp"
#include "weft/scenarios/pool_gen.hpp"

namespace weft::scenarios {

void register_pool() {
  using k = finding_kind;
  register_model<pool_thread_pool>({
      .name = "pool/thread_pool",
      .seed_ref = "002 §3, 004 §16.2.5",
      .summary = "ManagedThreadPool: each task runs exactly once, shutdown drains",
      .checked = {.workers = 2, .tasks = 2, .task_ms = 100},
      .stress = {.workers = 4, .tasks = 8, .task_ms = 1000},
      .relacy = true,
  });
  register_model<pool_submit_after_shutdown>({
      .name = "pool/submit_after_shutdown",
      .seed_ref = "004 §16.2.5 callback chain",
      .summary = "a done callback submits the next stage after shutdown began",
      .expected = {k::uncaught_exception, k::misuse, k::assertion},
      .checked = {.workers = 2, .fetch_ms = 1000, .parse_ms = 500, .store_ms = 300, .main_sleep_ms = 3000},
      .stress = {.workers = 3, .fetch_ms = 1000, .parse_ms = 500, .store_ms = 300, .main_sleep_ms = 3000},
      .real_threads = false,
      .relacy = true,
      .notes = "needs the main thread's sleep to end before the chain (logical time); the "
               "exception escaping a worker would terminate a real-thread run",
  });
}

}  // namespace weft::scenarios
