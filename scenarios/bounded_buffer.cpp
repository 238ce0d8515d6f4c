// The bounded_buffer family (models.md "bounded_buffer — producers and consumers").
#include "weft/model_scenario.hpp"
#include "weft/scenarios/bounded_buffer.hpp"
#include "weft/scenarios/bounded_buffer_gen.hpp"
#include "weft/scenarios/families.hpp"

namespace weft::scenarios {

namespace {

void register_buffers() {
  using k = finding_kind;
  const buffer_params seed_004{.producers = 2, .items = 5, .consumers = 2, .capacity = 3};
  register_model<bounded_buffer_two_conditions>({
      .name = "bounded_buffer/two_conditions",
      .seed_ref = "004 §16.2.2",
      .summary = "while-loop waits on not_full/not_empty, notify_all; capacity 3",
      .checked = {.producers = 2, .items = 2, .consumers = 2, .capacity = 1},
      .stress = seed_004,
      .relacy = true,
  });
  register_model<bounded_buffer_one_condition_notify_one>({
      .name = "bounded_buffer/one_condition_notify_one",
      .seed_ref = "002 §5.2.03 (L6552)",
      .summary = "producers and consumers share one condition; notify() wakes the wrong side",
      .expected = {k::deadlock, k::lost_wakeup},
      .checked = {.producers = 2, .items = 2, .consumers = 2, .capacity = 1},
      .stress = {.producers = 3, .items = 8, .consumers = 3, .capacity = 5},
      .real_threads = false,  // it hangs when the wrong side is woken
      .relacy = true,
      .notes = "balanced counts here (the seed's 3x8 vs 2x6 also cannot balance: see "
               "demand_exceeds_supply); capacity 1 and two of each side expose it",
  });
  register_model<bounded_buffer_if_not_while>({
      .name = "bounded_buffer/if_not_while",
      .seed_ref = "- (classic)",
      .summary = "`if (empty) wait` instead of `while`",
      .expected = {k::assertion, k::stress_timeout},  // wasted gets can leave a producer blocked
      .checked = {.producers = 1, .items = 2, .consumers = 2, .capacity = 1},
      .stress = seed_004,
      .relacy = true,
      .notes = "the notify_all wakes both waiting consumers for one item; spurious or stolen "
               "wakeups expose it too (random walk and PCT: 2 executions; bounded DFS: ~3000)",
  });
  register_model<bounded_buffer_demand_exceeds_supply>({
      .name = "bounded_buffer/demand_exceeds_supply",
      .seed_ref = "002 L6552 (3x8 vs 2x6), L18497 (2x8 vs 3x6)",
      .summary = "producer and consumer counts that cannot balance",
      .expected = {k::deadlock, k::lost_wakeup},
      .checked = {.producers = 1, .items = 1, .consumers = 2, .capacity = 1, .consumer_items = 1},
      .stress = {.producers = 2, .items = 8, .consumers = 3, .capacity = 5, .consumer_items = 6},
      .real_threads = false,  // a consumer waits forever on every schedule
      .relacy = true,
      .notes = "L18497's two-condition buffer; every schedule ends with stuck waiters",
  });
  register_model<bounded_buffer_semaphores>({
      .name = "bounded_buffer/semaphores",
      .seed_ref = "- (classic)",
      .summary = "empty/full semaphores + mutex",
      .checked = {.producers = 2, .items = 2, .consumers = 2, .capacity = 1},
      .stress = seed_004,
      .relacy = true,
  });
}

void register_queues() {
  using k = finding_kind;
  register_model<bounded_buffer_task_done_skipped>({
      .name = "bounded_buffer/task_done_skipped",
      .seed_ref = "000 §2.3",
      .summary = "the exception path skips task_done, so join() waits forever",
      .expected = {k::deadlock, k::lost_wakeup},
      .checked = {.tasks = 2, .workers = 2, .fail_every = 2},
      .stress = {},
      .real_threads = false,  // join() hangs on every schedule
      .relacy = true,
  });
  register_model<bounded_buffer_timeout_consumer_exit>({
      .name = "bounded_buffer/timeout_consumer_exit",
      .seed_ref = "001 综合示例3, 003 §1.4",
      .summary = "consumers quit on a get timeout",
      .expected = {k::assertion},
      .checked = {.producers = 1, .items = 2, .consumers = 1},
      .stress = {},
      .real_threads = false,  // needs logical time (a producer slower than the timeout)
      .relacy = true,
      .notes = "needs a consumer's get(timeout) to expire before the producer's next put: "
               "logical time with adversarially ordered timeouts",
  });
  register_model<bounded_buffer_sentinel_shortfall>({
      .name = "bounded_buffer/sentinel_shortfall",
      .seed_ref = "002 L9507",
      .summary = "2 sentinels for 3 consumers",
      .expected = {k::deadlock, k::lost_wakeup, k::assertion},
      .checked = {.producers = 1, .items = 1, .consumers = 2, .timeout_ms = 0},
      .stress = {},
      .relacy = true,
      .notes = "checked with a blocking get(): the consumer without a sentinel waits forever; "
               "the seed's get(timeout=2) (stress) turns that into a timed-out consumer (assertion)",
  });
  register_model<bounded_buffer_none_as_poison_pill>({
      .name = "bounded_buffer/none_as_poison_pill",
      .seed_ref = "004 §16.2.3 WorkerPool",
      .summary = "an empty get() returns the poison value and workers quit early",
      .expected = {k::deadlock, k::lost_wakeup},
      .checked = {.workers = 1, .tasks = 2},
      .stress = {},
      .real_threads = false,  // needs logical time; wait_completion() then hangs
      .relacy = true,
      .notes = "needs every worker's 1 s get timeout to expire while tasks are still coming: "
               "logical time with adversarially ordered timeouts",
  });
  register_model<bounded_buffer_consumers_started_late>({
      .name = "bounded_buffer/consumers_started_late",
      .seed_ref = "004 §16.4.3",
      .summary = "consumers start only after the producers are awaited",
      .expected = {k::deadlock, k::lost_wakeup},
      .checked = {.producers = 1, .items = 2, .consumers = 1, .maxsize = 1},
      .stress = {},
      .real_threads = false,  // hangs on every schedule
      .relacy = true,
  });
}

}  // namespace

void register_bounded_buffer() {
  register_buffers();
  register_queues();
}

}  // namespace weft::scenarios
