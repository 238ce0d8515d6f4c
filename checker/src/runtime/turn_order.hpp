// turn_order.hpp — threads ordered by a turn (a step number), oldest first:
// the index that lets fair scheduling (fairness.cpp) find the runnable
// threads that ran longest ago (recency_list, O(1) per scheduling point) and
// the held-back threads whose wait is over (turn_heap, O(log n)) instead of
// a pass over every thread.
//
// turn_heap is a min-heap of (turn, id) whose entries go stale instead of being erased:
// a thread's turn only grows, so its new turn is pushed and the old entry is
// dropped when it reaches the top. The caller says which entries are
// current (`is_current`), and rebuilds the heap when the set of threads it
// covers changes or stale entries pile up.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <vector>

namespace weft::detail {

/// Threads from the one that ran longest ago to the one that ran last: a
/// thread that runs moves to the back in O(1), since its new turn is the
/// newest of all.
class recency_list {
 public:
  static constexpr std::uint32_t none = ~std::uint32_t{0};
  /// Empties the list and makes room for ids below `n`.
  void reset(std::size_t n) {
    if (links_.size() < n) links_.resize(n);
    front_ = back_ = none;
  }
  /// Adds `id` at the back (a rebuild adds in turn order).
  void push_back(std::uint32_t id) {
    links_[id] = {back_, none};
    if (back_ == none) {
      front_ = id;
    } else {
      links_[back_].next = id;
    }
    back_ = id;
  }
  void move_to_back(std::uint32_t id) {
    if (id == back_) return;
    const link l = links_[id];
    if (l.prev == none) {
      front_ = l.next;
    } else {
      links_[l.prev].next = l.next;
    }
    links_[l.next].prev = l.prev;  // not the back: it has a next
    push_back(id);
  }
  /// The thread that ran longest ago (none when empty).
  std::uint32_t first() const { return front_; }

 private:
  struct link {
    std::uint32_t prev = none;
    std::uint32_t next = none;
  };
  std::vector<link> links_;
  std::uint32_t front_ = none;
  std::uint32_t back_ = none;
};

class turn_heap {
 public:
  struct entry {
    std::uint64_t turn;
    std::uint32_t id;
    bool operator>(const entry& o) const { return turn != o.turn ? turn > o.turn : id > o.id; }
  };

  void clear() { heap_.clear(); }
  std::size_t size() const { return heap_.size(); }
  /// Adds an entry without keeping the heap order: for a rebuild, followed
  /// by make_heap().
  void add(std::uint64_t turn, std::uint32_t id) { heap_.push_back({turn, id}); }
  void make_heap() { std::make_heap(heap_.begin(), heap_.end(), std::greater<>{}); }
  void push(std::uint64_t turn, std::uint32_t id) {
    heap_.push_back({turn, id});
    std::push_heap(heap_.begin(), heap_.end(), std::greater<>{});
  }
  /// The oldest current entry (stale ones above it are dropped), or nullptr.
  template <class IsCurrent>
  const entry* top(IsCurrent&& is_current) {
    while (!heap_.empty() && !is_current(heap_.front())) pop();
    return heap_.empty() ? nullptr : &heap_.front();
  }
  void pop() {
    std::pop_heap(heap_.begin(), heap_.end(), std::greater<>{});
    heap_.pop_back();
  }

 private:
  std::vector<entry> heap_;
};

}  // namespace weft::detail
