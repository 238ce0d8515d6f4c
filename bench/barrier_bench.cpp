// bench/barrier_bench.cpp — the correct barrier model on weft::std_sync.
//
//   barrier/barrier_phases   models::barrier (004 §16.2.2, threading.Barrier
//                            reused): "threads:N" is N parties of one barrier,
//                            each passing it shared_phases times (the seed: 4
//                            workers, 2 phases, with 0.5–1.5 s of work per phase;
//                            here no work, so a phase is the barrier alone).
//                            An operation is one party's wait(). threads:1 is a
//                            barrier of one party, which never blocks: it passes
//                            ops_per_thread phases, so that the round is not
//                            mostly the thread spawn. Check:
//                            nobody left phase k before all N had arrived at it.
#include <cstddef>
#include <string>

#include "round.hpp"
#include "weft/models/barrier.hpp"
#include "weft/std_sync.hpp"

namespace weft::bench {
namespace {

/// Phases per round with 2 or more parties: each phase wakes the sleepers, a
/// context switch or more (~10 µs on 2 CPUs).
constexpr std::size_t shared_phases = 2'000;

struct barrier_phases_round {
  using sync = std_sync;
  explicit barrier_phases_round(std::size_t n)
      : parties(n), phases(n == 1 ? ops_per_thread : shared_phases), barrier(n) {}
  std::size_t thread_count() const { return parties; }
  void thread(std::size_t) {
    std::size_t early = 0;
    for (std::size_t k = 0; k < phases; ++k) {
      arrivals.fetch_add(1);
      barrier.wait();
      // Everyone arrived at phases 0..k before anyone leaves phase k.
      if (arrivals.load() < (k + 1) * parties) ++early;
    }
    left_early.fetch_add(early);
  }
  std::string check() const {
    if (left_early.load() == 0 && arrivals.load() == operations()) return {};
    return std::to_string(left_early.load()) + " waits returned before every party arrived";
  }
  std::size_t operations() const { return parties * phases; }

  std::size_t parties;
  std::size_t phases;
  models::barrier<sync> barrier;
  sync::atomic<std::size_t> arrivals{0};
  sync::atomic<std::size_t> left_early{0};
};

[[maybe_unused]] const bool barrier_registered = [] {
  register_round<barrier_phases_round>("barrier/barrier_phases");
  return true;
}();

}  // namespace
}  // namespace weft::bench
