// kit.hpp — what the bug benchmark's programs share: running a group of
// threads, unrelated work (decoys), and the benchmark's assertion.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

#include "weft/weft.hpp"

namespace weft::bugbench {

/// Runs body(0) … body(n-1) on n threads and joins them.
template <class Body>
void run_threads(unsigned n, Body body) {
  std::vector<weft::thread> threads;
  threads.reserve(n);
  for (unsigned i = 0; i < n; ++i) threads.emplace_back([&body, i] { body(i); });
  for (auto& t : threads) t.join();
}

/// `steps` scheduling points on an atomic nobody else touches: work that
/// cannot interfere, but that a scheduler still has to interleave.
inline void busy(weft::atomic<int>& own, int steps) {
  for (int i = 0; i < steps; ++i) own.fetch_add(1, std::memory_order_relaxed);
}

/// Work that grows with the thread's index: thread i works `i + 1` times as
/// long, so the threads naturally run one after another and a bug that needs
/// them to overlap hides behind a specific interleaving.
inline void staggered(weft::atomic<int>& own, unsigned index, int steps) {
  busy(own, steps * static_cast<int>(index + 1));
}

/// Runs `main(i)` for i < n on n threads next to `decoys` threads that only
/// do `decoy_steps` of unrelated work each.
template <class Body>
void with_decoys(unsigned n, unsigned decoys, int decoy_steps, Body main) {
  auto own = std::make_unique<weft::atomic<int>[]>(decoys + 1);
  run_threads(n + decoys, [&](unsigned i) {
    if (i < n) {
      main(i);
    } else {
      busy(own[i - n], decoy_steps);
    }
  });
}

}  // namespace weft::bugbench
