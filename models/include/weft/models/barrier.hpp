// weft/models/barrier.hpp — barriers for phased computations: threading.Barrier
// (with a generation count, safe to reuse) and a hand-made barrier without
// one that breaks when reused.
#pragma once

#include <cstddef>
#include <mutex>

namespace weft::models {

/// Correct (004 §16.2.2 "Barrier(栅栏)": threading.Barrier(4), reused for 2
/// phases): the last of `parties` arrivals opens the current generation; a
/// waiter leaves when the generation it arrived in has passed, so a fast
/// thread arriving for the next phase cannot hold back a slow one.
template <class Sync>
class barrier {
 public:
  explicit barrier(std::size_t parties) : parties_(parties) {}
  void wait() {
    std::unique_lock lock(mutex_);
    const std::size_t generation = generation_.load();
    arrived_.store(arrived_.load() + 1);
    if (arrived_.load() == parties_) {
      arrived_.store(0);
      generation_.store(generation + 1);
      opened_.notify_all();
      return;
    }
    while (generation_.load() == generation) opened_.wait(lock);
  }

 private:
  const std::size_t parties_;
  typename Sync::mutex mutex_;
  typename Sync::condition_variable opened_;
  typename Sync::template var<std::size_t> arrived_{0};
  typename Sync::template var<std::size_t> generation_{0};
};

/// BUG (classic; no seed): the last arrival resets the count to zero and
/// waiters leave once they see it back at zero. Used once, that works. Reused,
/// a fast thread arrives at the next phase's barrier and bumps the count
/// before a slow waiter of this phase has woken; the slow one sees a nonzero
/// count, waits again — in the old phase — and nobody will ever complete
/// either phase (deadlock: stuck waiters).
template <class Sync>
class barrier_no_generation {
 public:
  explicit barrier_no_generation(std::size_t parties) : parties_(parties) {}
  void wait() {
    std::unique_lock lock(mutex_);
    count_.store(count_.load() + 1);
    if (count_.load() == parties_) {
      count_.store(0);
      opened_.notify_all();
      return;
    }
    while (count_.load() != 0) opened_.wait(lock);
  }

 private:
  const std::size_t parties_;
  typename Sync::mutex mutex_;
  typename Sync::condition_variable opened_;
  typename Sync::template var<std::size_t> count_{0};
};

}  // namespace weft::models
