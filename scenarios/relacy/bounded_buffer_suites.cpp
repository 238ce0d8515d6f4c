// bounded_buffer_suites.cpp — the bounded_buffer family under Relacy (a Relacy
// translation unit: weft headers first, then suite.hpp).
#include <atomic>
#include <chrono>
#include <deque>
#include <optional>
#include <vector>

#include "weft/scenarios/bounded_buffer.hpp"

#include "suite.hpp"

namespace weft::relacy_program {
namespace {

using scenarios::buffer_params;
using scenarios::late_consumers_params;
using scenarios::sentinel_params;
using scenarios::task_drain_params;
using scenarios::timeout_consumer_params;
using scenarios::worker_pool_params;
// The controlled scheduler's parameters (weft's registry, scenarios/bounded_buffer.cpp).
constexpr buffer_params two_by_two{.producers = 2, .items = 2, .consumers = 2, .capacity = 1};
constexpr buffer_params one_producer_two_consumers{.producers = 1, .items = 2, .consumers = 2, .capacity = 1};
constexpr buffer_params short_supply{.producers = 1, .items = 1, .consumers = 2, .capacity = 1, .consumer_items = 1};
constexpr task_drain_params failing_tasks{.tasks = 2, .workers = 2, .fail_every = 2};
constexpr timeout_consumer_params one_each{.producers = 1, .items = 2, .consumers = 1};
constexpr sentinel_params blocking_get{.producers = 1, .items = 1, .consumers = 2, .timeout_ms = 0};
constexpr worker_pool_params one_worker{.workers = 1, .tasks = 2};
constexpr late_consumers_params small_queue{.producers = 1, .items = 2, .consumers = 1, .maxsize = 1};


}  // namespace

void add_bounded_buffer_suites(std::vector<entry>& out) {
  using namespace scenarios;
  out.push_back(suite_entry<bounded_buffer_two_conditions, two_by_two, 4>("bounded_buffer/two_conditions"));
  out.push_back(
      suite_entry<bounded_buffer_one_condition_notify_one, two_by_two, 4>("bounded_buffer/one_condition_notify_one"));
  out.push_back(
      suite_entry<bounded_buffer_if_not_while, one_producer_two_consumers, 3>("bounded_buffer/if_not_while"));
  out.push_back(
      suite_entry<bounded_buffer_demand_exceeds_supply, short_supply, 3>("bounded_buffer/demand_exceeds_supply"));
  out.push_back(suite_entry<bounded_buffer_semaphores, two_by_two, 4>("bounded_buffer/semaphores"));
  out.push_back(suite_entry<bounded_buffer_task_done_skipped, failing_tasks, 3>("bounded_buffer/task_done_skipped"));
  out.push_back(
      suite_entry<bounded_buffer_timeout_consumer_exit, one_each, 2>("bounded_buffer/timeout_consumer_exit"));
  out.push_back(suite_entry<bounded_buffer_sentinel_shortfall, blocking_get, 3>("bounded_buffer/sentinel_shortfall"));
  out.push_back(suite_entry<bounded_buffer_none_as_poison_pill, one_worker, 2>("bounded_buffer/none_as_poison_pill"));
  out.push_back(
      suite_entry<bounded_buffer_consumers_started_late, small_queue, 3>("bounded_buffer/consumers_started_late"));
}

}  // namespace weft::relacy_program
