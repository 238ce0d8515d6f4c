// weft/scenarios/barrier.hpp — the barrier family's scenario templates (shape
// of weft/scenario_shape.hpp): workers in phases separated by a reused barrier.
#pragma once

#include <chrono>
#include <cstddef>
#include <deque>

#include "weft/assert.hpp"
#include "weft/models/barrier.hpp"

namespace weft::scenarios {

struct barrier_params {
  std::size_t workers = 4;
  std::size_t phases = 2;  // barrier waits per worker (the barrier is reused)
  long work_ms = 1000;     // worker i works work_ms × (i + 1) / workers per phase (the seed: 0.5–1.5 s at random)
};

/// 004 §16.2.2: nobody starts phase k+1 before everyone finished phase k.
template <class Sync, template <class> class Barrier>
struct phased_workers {
  using params = barrier_params;
  explicit phased_workers(const params& p) : p_(p), barrier_(p.workers) {
    for (std::size_t k = 0; k < p.phases; ++k) finished_.emplace_back(0);
  }
  std::size_t thread_count() const { return p_.workers; }
  void thread(std::size_t i) {
    const long work = p_.work_ms * static_cast<long>(i + 1) / static_cast<long>(p_.workers);
    for (std::size_t k = 0; k < p_.phases; ++k) {
      if (work > 0) Sync::this_thread::sleep_for(std::chrono::milliseconds(work));
      finished_[k].fetch_add(1);
      barrier_.wait();
      WEFT_ASSERT(finished_[k].load() == p_.workers, "left the barrier before every worker finished the phase");
    }
  }
  void check() {
    for (auto& f : finished_) WEFT_ASSERT(f.load() == p_.workers);
  }

 private:
  params p_;
  Barrier<Sync> barrier_;
  std::deque<typename Sync::template atomic<std::size_t>> finished_;
};

template <class Sync>
using barrier_phases = phased_workers<Sync, models::barrier>;
template <class Sync>
using barrier_no_generation = phased_workers<Sync, models::barrier_no_generation>;

}  // namespace weft::scenarios
