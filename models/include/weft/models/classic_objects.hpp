// weft/models/classic_objects.hpp — concurrent objects from the literature
// with known linearizability bugs, each with its correct twin (three
// non-blocking ones, and a blocking semaphore on a condition variable)
// (docs/lincheck.md). None has a data race: each bug is a wrong order of
// individually atomic steps, which only a linearizability check sees.
#pragma once

#include <array>
#include <cstddef>
#include <deque>
#include <mutex>
#include <optional>
#include <set>

namespace weft::models {

/// A locked FIFO queue that counts pushes and pops in atomics. BUG (when
/// LockedSize is false): size() reads the two counters one after the other
/// without the lock, so a push and a pop between the reads give a size the
/// queue never had (-1 when the pop lands between them).
template <class Sync, bool LockedSize>
class counted_queue {
 public:
  void push(int v) {
    std::lock_guard lock(mutex_);
    items_.write().push_back(v);
    pushed_.fetch_add(1);
  }
  std::optional<int> pop() {
    std::lock_guard lock(mutex_);
    auto& items = items_.write();
    if (items.empty()) return std::nullopt;
    const int v = items.front();
    items.pop_front();
    popped_.fetch_add(1);
    return v;
  }
  long size() {
    if constexpr (LockedSize) {
      std::lock_guard lock(mutex_);
      return pushed_.load() - popped_.load();
    } else {
      const long pushed = pushed_.load();  // ...a push and a pop may land here...
      return pushed - popped_.load();
    }
  }

 private:
  typename Sync::mutex mutex_;
  typename Sync::template var<std::deque<int>> items_;
  typename Sync::template atomic<long> pushed_{0};
  typename Sync::template atomic<long> popped_{0};
};

/// A Treiber stack over a fixed pool of nodes (never reused, so no ABA).
/// BUG (when CasPop is false): pop reads top, then top's next, then stores
/// next as the new top — two pops can return the same node.
template <class Sync, bool CasPop>
class treiber_stack {
 public:
  static constexpr int capacity = 64;
  void push(int v) {
    const int n = allocated_.fetch_add(1);
    nodes_[std::size_t(n)].value = v;
    int top = top_.load();
    do {
      nodes_[std::size_t(n)].next = top;
    } while (!top_.compare_exchange_weak(top, n));
  }
  std::optional<int> pop() {
    int top = top_.load();
    if constexpr (CasPop) {
      do {
        if (top < 0) return std::nullopt;
      } while (!top_.compare_exchange_weak(top, nodes_[std::size_t(top)].next));
    } else {
      if (top < 0) return std::nullopt;
      top_.store(nodes_[std::size_t(top)].next);  // not atomic with the load above
    }
    return nodes_[std::size_t(top)].value;
  }

 private:
  struct node {
    int value = 0;
    int next = -1;  // written before the node is published by the CAS
  };
  std::array<node, capacity> nodes_{};
  typename Sync::template atomic<int> allocated_{0};
  typename Sync::template atomic<int> top_{-1};
};

/// A locked set. BUG (when AtomicAdd is false): add() checks membership
/// under the lock, releases it, then inserts under it again — two adds of
/// the same value both return true.
template <class Sync, bool AtomicAdd>
class locked_set {
 public:
  bool add(int v) {
    if constexpr (AtomicAdd) {
      std::lock_guard lock(mutex_);
      return items_.write().insert(v).second;
    } else {
      if (contains(v)) return false;  // check...
      std::lock_guard lock(mutex_);   // ...then act
      items_.write().insert(v);
      return true;
    }
  }
  bool contains(int v) {
    std::lock_guard lock(mutex_);
    return items_.read().count(v) == 1;
  }
  bool remove(int v) {
    std::lock_guard lock(mutex_);
    return items_.write().erase(v) == 1;
  }

 private:
  typename Sync::mutex mutex_;
  typename Sync::template var<std::set<int>> items_;
};

/// A counting semaphore on a mutex and one condition variable, release()
/// waking every waiter. BUG (when Loop is false; the classic `if` for
/// `while`): two acquirers waiting on an empty count are both woken by one
/// release, and both take the single permit — the count goes to -1, which
/// available() shows and no sequence of acquire/release can give.
template <class Sync, bool Loop>
class condvar_semaphore {
 public:
  explicit condvar_semaphore(int permits) : count_(permits) {}

  void acquire() {
    std::unique_lock lock(mutex_);
    if constexpr (Loop) {
      while (count_.read() <= 0) wake_.wait(lock);
    } else {
      if (count_.read() <= 0) wake_.wait(lock);  // BUG: if, not while
    }
    count_.write() -= 1;
  }
  void release() {
    {
      std::lock_guard lock(mutex_);
      count_.write() += 1;
    }
    wake_.notify_all();
  }
  bool try_acquire() {
    std::lock_guard lock(mutex_);
    if (count_.read() <= 0) return false;
    count_.write() -= 1;
    return true;
  }
  int available() {
    std::lock_guard lock(mutex_);
    return count_.read();
  }

 private:
  typename Sync::mutex mutex_;
  typename Sync::condition_variable wake_;
  typename Sync::template var<int> count_;
};

}  // namespace weft::models
