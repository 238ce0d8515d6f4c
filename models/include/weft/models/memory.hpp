// weft/models/memory.hpp — synchronisation built by hand on atomics, correct
// or not depending on its memory orders alone: message passing through a
// flag, double-checked initialisation through a pointer, Peterson's lock, and
// Dekker-style flags. Each template takes the orders (or the fence) as
// parameters; the scenarios (weft/scenarios/memory.hpp) instantiate the
// buggy and the correct twin. Their bugs exist only in the C++ memory model
// (a load reading an older store): a sequentially consistent checker passes
// them all.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <mutex>
#include <optional>

namespace weft::models {

/// Message passing: the data is a plain variable, a flag says it is there.
/// Correct with Publish = release and Observe = acquire: a receiver that sees
/// the flag sees the data. BUG with a relaxed flag: seeing the flag orders
/// nothing, so reading the data races with writing it (and may read the old
/// value).
template <class Sync, std::memory_order Publish, std::memory_order Observe>
class message_box {
 public:
  void send(int value) {
    data_.store(value);
    ready_.store(true, Publish);
  }
  /// The data once the flag is up; nothing before.
  std::optional<int> try_receive() {
    if (!ready_.load(Observe)) return std::nullopt;
    return data_.load();
  }

 private:
  typename Sync::template var<int> data_{0};
  typename Sync::template atomic<bool> ready_{false};
};

/// Double-checked initialisation through a pointer: the fast path loads the
/// pointer without the lock; the initialiser fills the object, then publishes
/// its address with a release store. Correct with Observe = acquire. BUG with
/// a relaxed load: a caller may see the address but not the object's fields
/// (a data race on them). The object lives in the holder (no allocation).
template <class Sync, std::memory_order Observe>
class lazy_pointer {
 public:
  struct widget {
    typename Sync::template var<int> value{0};
  };

  template <class Init>
  const widget& get(Init&& init) {
    widget* p = instance_.load(Observe);
    if (p == nullptr) {
      std::lock_guard lock(mutex_);
      p = instance_.load(std::memory_order_relaxed);  // the lock orders the second check
      if (p == nullptr) {
        storage_.value.store(init());
        constructions_.store(constructions_.load() + 1);
        p = &storage_;
        instance_.store(p, std::memory_order_release);
      }
    }
    return *p;
  }
  /// Only after every caller joined.
  int constructions() const { return constructions_.load(); }

 private:
  typename Sync::mutex mutex_;
  typename Sync::template atomic<widget*> instance_{nullptr};
  widget storage_;
  typename Sync::template var<int> constructions_{0};
};

/// Peterson's lock for threads 0 and 1: raise my flag, give the turn away,
/// wait while the other's flag is up and the turn is theirs. Correct with
/// seq_cst stores and loads. BUG with release stores and acquire loads: my
/// flag store and my load of the other's flag may be reordered (store
/// buffering), both threads read the other's flag down, and both enter.
template <class Sync, std::memory_order Store, std::memory_order Load>
class peterson_lock {
 public:
  void lock(std::size_t me) {
    const int other = 1 - static_cast<int>(me);
    flag_[me].store(true, Store);
    turn_.store(other, Store);
    while (flag_[static_cast<std::size_t>(other)].load(Load) && turn_.load(Load) == other) {
      Sync::this_thread::yield();
    }
  }
  void unlock(std::size_t me) { flag_[me].store(false, Store); }

 private:
  std::array<typename Sync::template atomic<bool>, 2> flag_{};
  typename Sync::template atomic<int> turn_{0};
};

/// Dekker-style entry for threads 0 and 1: raise my flag (release), look at
/// the other's (acquire); enter only if it was down. Correct with a seq_cst
/// fence between the store and the load: of two threads raising their flags
/// at once, at least one sees the other's. BUG without it: acquire/release
/// does not order a store before a later load, both may read the other's
/// flag down, and both enter.
template <class Sync, bool SeqCstFence>
class dekker_flags {
 public:
  /// True when this thread may enter; it then calls leave().
  bool try_enter(std::size_t me) {
    flag_[me].store(true, std::memory_order_release);
    if constexpr (SeqCstFence) Sync::atomic_thread_fence(std::memory_order_seq_cst);
    return !flag_[1 - me].load(std::memory_order_acquire);
  }
  void leave(std::size_t me) { flag_[me].store(false, std::memory_order_release); }

 private:
  std::array<typename Sync::template atomic<bool>, 2> flag_{};
};

}  // namespace weft::models
