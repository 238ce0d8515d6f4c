// weft/models/spsc_ring.hpp — a single-producer single-consumer ring buffer
// on two atomic indices (the usual lock-free queue between two threads),
// correct or not by the order of the producer's index store.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <optional>

namespace weft::models {

/// Fixed capacity; the slots are plain variables. The producer writes a slot,
/// then publishes it by storing tail (Publish); the consumer loads tail
/// (acquire), reads the slot, then frees it by storing head (release).
/// Correct with Publish = release. BUG with a relaxed tail store: the
/// consumer may see the new tail before the slot's value (a data race on the
/// slot, or a stale element).
template <class Sync, std::size_t Capacity, std::memory_order Publish>
class spsc_ring {
 public:
  /// Producer only. False when full.
  bool try_push(int value) {
    const std::size_t tail = tail_.load(std::memory_order_relaxed);  // only the producer writes tail
    if (tail - head_.load(std::memory_order_acquire) == Capacity) return false;
    slots_[tail % Capacity].store(value);
    tail_.store(tail + 1, Publish);
    return true;
  }
  /// Consumer only. Nothing when empty.
  std::optional<int> try_pop() {
    const std::size_t head = head_.load(std::memory_order_relaxed);  // only the consumer writes head
    if (tail_.load(std::memory_order_acquire) == head) return std::nullopt;
    const int value = slots_[head % Capacity].load();
    head_.store(head + 1, std::memory_order_release);
    return value;
  }

 private:
  std::array<typename Sync::template var<int>, Capacity> slots_{};
  typename Sync::template atomic<std::size_t> head_{0};  // next slot to read
  typename Sync::template atomic<std::size_t> tail_{0};  // next slot to write
};

}  // namespace weft::models
