// weft/models/work_stealing.hpp — the Chase–Lev work-stealing deque with the
// memory orders of its published C11 version (Lê, Pop, Cohen, Zappa Nardelli,
// "Correct and Efficient Work-Stealing for Weak Memory Models", PPoPP 2013,
// figure 1), at a fixed capacity (push fails when full instead of resizing).
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <optional>

namespace weft::models {

/// The owner pushes and takes at the bottom; thieves steal at the top. The
/// element slots are relaxed atomics, as in the paper. take() stores the
/// decremented bottom, then (TakeFence) fences, then loads top; the paper's
/// fence is seq_cst. BUG with an acq_rel fence there: the owner's bottom
/// store and top load may be reordered (store buffering against the thief's
/// fence and bottom load), so the owner takes the element at bottom without
/// the CAS while a thief that read the old bottom steals the same one.
template <class Sync, std::size_t Capacity, std::memory_order TakeFence>
class work_stealing_deque {
 public:
  /// What a steal gives: an element, nothing (empty), or lost a race (aborted).
  struct steal_result {
    std::optional<int> value;
    bool aborted = false;
  };

  /// Owner only. False when full (the paper resizes).
  bool push(int x) {
    const index b = bottom_.load(std::memory_order_relaxed);
    const index t = top_.load(std::memory_order_acquire);
    if (b - t > static_cast<index>(Capacity) - 1) return false;
    slot(b).store(x, std::memory_order_relaxed);
    Sync::atomic_thread_fence(std::memory_order_release);
    bottom_.store(b + 1, std::memory_order_relaxed);
    return true;
  }

  /// Owner only: the most recently pushed element, or nothing when empty.
  std::optional<int> take() {
    const index b = bottom_.load(std::memory_order_relaxed) - 1;
    bottom_.store(b, std::memory_order_relaxed);
    Sync::atomic_thread_fence(TakeFence);
    index t = top_.load(std::memory_order_relaxed);
    if (t > b) {  // empty
      bottom_.store(b + 1, std::memory_order_relaxed);
      return std::nullopt;
    }
    std::optional<int> x = slot(b).load(std::memory_order_relaxed);
    if (t == b) {  // the last element: race the thieves for it
      if (!top_.compare_exchange_strong(t, t + 1, std::memory_order_seq_cst, std::memory_order_relaxed)) {
        x.reset();
      }
      bottom_.store(b + 1, std::memory_order_relaxed);
    }
    return x;
  }

  /// Any thread: the oldest element.
  steal_result steal() {
    index t = top_.load(std::memory_order_acquire);
    Sync::atomic_thread_fence(std::memory_order_seq_cst);
    const index b = bottom_.load(std::memory_order_acquire);
    if (t >= b) return {};
    const int x = slot(t).load(std::memory_order_relaxed);
    if (!top_.compare_exchange_strong(t, t + 1, std::memory_order_seq_cst, std::memory_order_relaxed)) {
      return {.value = std::nullopt, .aborted = true};
    }
    return {.value = x};
  }

  /// The elements still in the deque, oldest first. Only after every thread joined.
  template <class Out>
  void remaining(Out&& out) const {
    const index b = bottom_.load(std::memory_order_relaxed);
    for (index t = top_.load(std::memory_order_relaxed); t < b; ++t) out(slot(t).load(std::memory_order_relaxed));
  }

 private:
  using index = std::int64_t;
  using cell = typename Sync::template atomic<int>;

  cell& slot(index i) { return buffer_[static_cast<std::size_t>(i) % Capacity]; }
  const cell& slot(index i) const { return buffer_[static_cast<std::size_t>(i) % Capacity]; }

  typename Sync::template atomic<index> top_{0};
  typename Sync::template atomic<index> bottom_{0};
  std::array<cell, Capacity> buffer_{};
};

}  // namespace weft::models
