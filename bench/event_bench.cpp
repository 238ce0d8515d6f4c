// bench/event_bench.cpp — the correct event model on weft::std_sync.
//
//   event/event_ready   service_manager (004 §16.2.2 ServiceManager, 000 §2.2):
//                       "threads:N" is N service workers plus the initializer
//                       thread. The workers block in wait_ready() until the
//                       initializer marks the service ready, then run work steps
//                       until it requests shutdown; each step checks is_ready()
//                       and the loop checks is_shutdown_requested(), each a
//                       threading.Event is_set() under the event's mutex. The
//                       seed sleeps 0.5 s per step and runs the service for 3 s:
//                       on real time that would measure the sleeps, so the step
//                       is 0 ms, and the initializer requests shutdown once
//                       every worker has done ops_per_thread steps (workers
//                       keep stepping until they see the request; the steps
//                       they really did are the operations counted).
//                       Check: no step before ready, no worker left before
//                       shutdown was requested.
#include <chrono>
#include <cstddef>
#include <string>

#include "round.hpp"
#include "weft/models/event.hpp"
#include "weft/std_sync.hpp"

namespace weft::bench {
namespace {

struct event_ready_round {
  using sync = std_sync;
  static constexpr std::ptrdiff_t max_workers = 64;
  explicit event_ready_round(std::size_t n) : workers(n) {}
  std::size_t thread_count() const { return workers + 1; }
  void thread(std::size_t i) {
    if (i == workers) {  // service_initializer
      manager.mark_ready();
      for (std::size_t w = 0; w < workers; ++w) quota_done.acquire();
      manager.request_shutdown();
      return;
    }
    std::size_t my_steps = 0, early = 0;
    manager.service_worker(
        [&] {
          if (!manager.is_ready()) ++early;
          if (++my_steps == ops_per_thread) quota_done.release();
        },
        std::chrono::milliseconds(0));
    if (!manager.is_shutdown_requested()) ++early;
    steps.fetch_add(my_steps);
    violations.fetch_add(early);
  }
  std::string check() const {
    if (violations.load() == 0 && steps.load() >= workers * ops_per_thread) return {};
    return std::to_string(violations.load()) + " steps before ready or exits before shutdown; " +
           std::to_string(steps.load()) + " steps in all";
  }
  std::size_t operations() const { return steps.load(); }

  std::size_t workers;
  models::service_manager<sync> manager;
  sync::counting_semaphore<max_workers> quota_done{0};
  sync::atomic<std::size_t> steps{0};
  sync::atomic<std::size_t> violations{0};
};

[[maybe_unused]] const bool event_registered = [] {
  register_round<event_ready_round>("event/event_ready");
  return true;
}();

}  // namespace
}  // namespace weft::bench
