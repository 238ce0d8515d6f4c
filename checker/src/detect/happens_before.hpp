// happens_before.hpp — the happens-before relation as vector clocks, one per
// logical thread: what the race detector (race.hpp) compares accesses by.
//
// A thread's clock ticks at each release; an acquire joins the clock the
// matching release published into the object (a mutex, a semaphore, a
// finished thread) or into the store an atomic load read (memory/). The
// objects' clocks live in their inline state (weft/detail/runtime.hpp) or in
// the memory model's store history; the threads' clocks live here.
#pragma once

#include <atomic>
#include <cstdint>
#include <vector>

#include "weft/detail/runtime.hpp"
#include "weft/detail/vclock.hpp"

namespace weft::detail {

/// A bit per std::memory_order value (relaxed 0 ... seq_cst 5).
constexpr unsigned order_bit(std::memory_order o) { return 1U << static_cast<unsigned>(o); }

class happens_before {
 public:
  /// Thread `child` starts, spawned by `parent` (no_thread: the first thread
  /// of an execution, which starts from nothing).
  void spawn(std::uint32_t parent, std::uint32_t child) {
    if (clocks_.size() <= child) clocks_.resize(child + 1);
    vclock& c = clocks_[child];
    if (parent == no_thread) {
      c.clear();
    } else {
      c = clocks_[parent];
      clocks_[parent].tick(parent);
    }
    c.tick(child);
  }
  const vclock& clock(std::uint32_t thread) const { return clocks_[thread]; }

  /// `thread` acquires what was published into `released` (a lock, a permit,
  /// the end of a joined thread).
  [[gnu::always_inline]] void acquire(std::uint32_t thread, const vclock& released) { clocks_[thread].join(released); }
  /// `thread` joins the end of thread `finished`.
  [[gnu::always_inline]] void join(std::uint32_t thread, std::uint32_t finished) { clocks_[thread].join(clocks_[finished]); }
  /// `thread` publishes its clock into `into`, replacing it (an unlock).
  [[gnu::always_inline]] void release(std::uint32_t thread, vclock& into) {
    vclock& mine = clocks_[thread];
    into = mine;
    mine.tick(thread);
  }
  /// `thread` adds its clock to `into` (a semaphore release, an unlock_shared:
  /// a later acquirer happens after every releaser).
  [[gnu::always_inline]] void release_join(std::uint32_t thread, vclock& into) {
    vclock& mine = clocks_[thread];
    into.join(mine);
    mine.tick(thread);
  }

  // A shift and a mask (see order_bit) at every atomic access instead of a
  // chain of compares.
  static constexpr bool is_acquire(std::memory_order o) {
    constexpr unsigned acquiring = order_bit(std::memory_order_consume) | order_bit(std::memory_order_acquire) |
                                   order_bit(std::memory_order_acq_rel) | order_bit(std::memory_order_seq_cst);
    return ((acquiring >> static_cast<unsigned>(o)) & 1U) != 0;
  }
  static constexpr bool is_release(std::memory_order o) {
    constexpr unsigned releasing =
        order_bit(std::memory_order_release) | order_bit(std::memory_order_acq_rel) | order_bit(std::memory_order_seq_cst);
    return ((releasing >> static_cast<unsigned>(o)) & 1U) != 0;
  }

 private:
  std::vector<vclock> clocks_;  // by thread id, pooled across executions
};

}  // namespace weft::detail
