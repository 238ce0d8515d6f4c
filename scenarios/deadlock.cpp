// The deadlock family (models.md "deadlock — lock orderings").
#include "weft/model_scenario.hpp"
#include "weft/scenarios/deadlock.hpp"
#include "weft/scenarios/deadlock_gen.hpp"
#include "weft/scenarios/families.hpp"

namespace weft::scenarios {

void register_deadlock() {
  using k = finding_kind;
  register_model<deadlock_ab_ba>({
      .name = "deadlock/ab_ba",
      .seed_ref = "000 §6.3, 001 §11.3.5, 004 §16.6.1",
      .summary = "two locks taken in opposite orders",
      .expected = {k::deadlock, k::lock_order_inversion, k::tsan_lock_order_inversion, k::stress_timeout},
      .checked = {.threads = 2, .rounds = 1, .hold_ms = 100},
      .stress = {.threads = 2, .rounds = 1, .hold_ms = 100},
      .relacy = true,
  });
  register_model<deadlock_ordered>({
      .name = "deadlock/ordered",
      .seed_ref = "000 §6.3, 001 §11.3.5, 004 §16.6.1",
      .summary = "the same two locks in the same order everywhere",
      .checked = {.threads = 2, .rounds = 2, .hold_ms = 100},
      .stress = {.threads = 2, .rounds = 1, .hold_ms = 100},
      .relacy = true,
  });
  register_model<deadlock_three_cycle>({
      .name = "deadlock/three_cycle",
      .seed_ref = "002 §5.4.04",
      .summary = "A->B, B->C, C->A",
      .expected = {k::deadlock, k::lock_order_inversion, k::tsan_lock_order_inversion, k::stress_timeout},
      .checked = {.threads = 3, .rounds = 1, .hold_ms = 100},
      .stress = {.threads = 3, .rounds = 3, .hold_ms = 100},
      .relacy = true,
      .notes = "the lock-order detector reports the cycle in the first execution; the deadlock itself "
               "needs all three threads preempted while holding their first lock (random walk and PCT: "
               "~2 executions with the lock-order detector off)",
  });
  register_model<deadlock_order_manager_registry>({
      .name = "deadlock/order_manager_registry",
      .seed_ref = "002 §5.4.04 LockOrderManager",
      .summary = "lock registry read outside its lock (double-checked insert into a map)",
      .expected = {k::data_race, k::tsan_data_race},
      .checked = {.threads = 2, .rounds = 1, .work_ms = 100},
      .stress = {.threads = 3, .rounds = 3, .work_ms = 100},
      .relacy = true,
  });
  register_model<deadlock_timeout_lock_releases_unowned>({
      .name = "deadlock/timeout_lock_releases_unowned",
      .seed_ref = "002 §5.4.04c TimeoutLock",
      .summary = "`finally` releases locks never acquired",
      .expected = {k::misuse},
      .checked = {.timeout_ms = 2000, .hold_ms = 500},
      .stress = {.timeout_ms = 2000, .hold_ms = 500},
      .real_threads = false,  // over-releasing a std::binary_semaphore is undefined
      .relacy = true,
      .notes = "Python's Lock has no owner, so the C++ equivalent is a binary semaphore; the "
               "stray release either over-releases a free lock or frees the other worker's, "
               "whose own release then over-releases",
  });
  register_model<deadlock_try_lock_backoff>({
      .name = "deadlock/try_lock_backoff",
      .seed_ref = "002 §5.4.04c",
      .summary = "try_lock with back-off and retry",
      .checked = {.threads = 2, .rounds = 1},
      .stress = {.threads = 2, .rounds = 100},
      .relacy = true,
      .notes = "terminates under fair schedules (random walk, PCT); an unfair schedule can make it "
               "retry forever. A successful try_lock cannot deadlock, so it adds no lock-order edge",
  });
  register_model<deadlock_philosophers_naive>({
      .name = "deadlock/philosophers_naive",
      .seed_ref = "- (classic; SCTBench din_phil)",
      .summary = "each philosopher takes the left fork, then the right",
      .expected = {k::deadlock, k::lock_order_inversion, k::tsan_lock_order_inversion, k::stress_timeout},
      .checked = {.philosophers = 3, .meals = 1},
      .stress = {.philosophers = 5, .meals = 100},
      .relacy = true,
  });
  register_model<deadlock_philosophers_ordered>({
      .name = "deadlock/philosophers_ordered",
      .seed_ref = "-",
      .summary = "the lower-numbered fork first",
      .checked = {.philosophers = 3, .meals = 1},
      .stress = {.philosophers = 5, .meals = 100},
      .relacy = true,
  });
  register_model<deadlock_self_relock>({
      .name = "deadlock/self_relock",
      .seed_ref = "004 §16.2.2",
      .summary = "a thread locks a non-recursive mutex it holds",
      .expected = {k::misuse, k::deadlock},
      .real_threads = false,  // relocking a std::mutex is undefined; it hangs in practice
      .relacy = true,
  });
}

}  // namespace weft::scenarios
