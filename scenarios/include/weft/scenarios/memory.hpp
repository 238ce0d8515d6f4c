// weft/scenarios/memory.hpp — the memory family's scenario templates (shape
// of weft/scenario_shape.hpp): hand-rolled synchronisation on atomics whose
// bug, when there is one, is a weak memory order (weft/models/memory.hpp,
// spsc_ring.hpp, work_stealing.hpp). Each buggy scenario has a correct twin
// that differs only in its orders or fence.
#pragma once

#include <atomic>
#include <cstddef>
#include <optional>
#include <vector>

#include "weft/assert.hpp"
#include "weft/models/memory.hpp"
#include "weft/models/spsc_ring.hpp"
#include "weft/models/work_stealing.hpp"

namespace weft::scenarios {

// --- message passing ---------------------------------------------------------

struct message_params {
  std::size_t receivers = 1;
};

/// Thread 0 sends 42; every other thread waits for the flag and must read 42.
template <class Sync, std::memory_order Publish, std::memory_order Observe>
struct message_passing {
  using params = message_params;
  explicit message_passing(const params& p) : p_(p) {}
  std::size_t thread_count() const { return 1 + p_.receivers; }
  void thread(std::size_t i) {
    if (i == 0) {
      box_.send(42);
      return;
    }
    std::optional<int> got;
    while (!(got = box_.try_receive())) Sync::this_thread::yield();
    WEFT_ASSERT(*got == 42, "saw the flag but not the data");
  }
  void check() {}

 private:
  params p_;
  models::message_box<Sync, Publish, Observe> box_;
};

template <class Sync>
using memory_message_relaxed = message_passing<Sync, std::memory_order_relaxed, std::memory_order_relaxed>;
template <class Sync>
using memory_message_release_acquire = message_passing<Sync, std::memory_order_release, std::memory_order_acquire>;

// --- double-checked initialisation ------------------------------------------

struct lazy_params {
  std::size_t threads = 2;
};

/// Every thread gets the object; it is built once and every caller sees it built.
template <class Sync, std::memory_order Observe>
struct lazy_pointer_init {
  using params = lazy_params;
  explicit lazy_pointer_init(const params& p) : p_(p) {}
  std::size_t thread_count() const { return p_.threads; }
  void thread(std::size_t) {
    const auto& w = lazy_.get([] { return 42; });
    WEFT_ASSERT(w.value.load() == 42, "saw the pointer before the object's fields");
  }
  void check() { WEFT_ASSERT(lazy_.constructions() == 1, "built more than once"); }

 private:
  params p_;
  models::lazy_pointer<Sync, Observe> lazy_;
};

template <class Sync>
using memory_double_checked_relaxed = lazy_pointer_init<Sync, std::memory_order_relaxed>;
template <class Sync>
using memory_double_checked_acquire = lazy_pointer_init<Sync, std::memory_order_acquire>;

// --- two-thread mutual exclusion (Peterson, Dekker) --------------------------

struct two_thread_params {
  std::size_t rounds = 1;  // critical sections tried per thread
};

/// What both locks protect: a plain counter, and who is inside.
template <class Sync>
struct critical_section {
  void enter_and_leave(std::size_t me) {
    WEFT_ASSERT(inside_.load() == 0, "two threads in the critical section");
    inside_.store(static_cast<int>(me) + 1);
    entries_.store(entries_.load() + 1);
    WEFT_ASSERT(inside_.load() == static_cast<int>(me) + 1, "two threads in the critical section");
    inside_.store(0);
  }
  int entries() const { return entries_.load(); }

 private:
  typename Sync::template var<int> inside_{0};  // 0: nobody, else thread + 1
  typename Sync::template var<int> entries_{0};
};

/// Two threads each take Peterson's lock `rounds` times.
template <class Sync, std::memory_order Store, std::memory_order Load>
struct peterson {
  using params = two_thread_params;
  explicit peterson(const params& p) : p_(p) {}
  std::size_t thread_count() const { return 2; }
  void thread(std::size_t i) {
    for (std::size_t r = 0; r < p_.rounds; ++r) {
      lock_.lock(i);
      section_.enter_and_leave(i);
      lock_.unlock(i);
    }
  }
  void check() { WEFT_ASSERT(section_.entries() == static_cast<int>(2 * p_.rounds), "a critical section was lost"); }

 private:
  params p_;
  models::peterson_lock<Sync, Store, Load> lock_;
  critical_section<Sync> section_;
};

template <class Sync>
using memory_peterson_acq_rel = peterson<Sync, std::memory_order_release, std::memory_order_acquire>;
template <class Sync>
using memory_peterson_seq_cst = peterson<Sync, std::memory_order_seq_cst, std::memory_order_seq_cst>;

/// Two threads each try Dekker-style entry `rounds` times; entering is optional.
template <class Sync, bool SeqCstFence>
struct dekker {
  using params = two_thread_params;
  explicit dekker(const params& p) : p_(p) {}
  std::size_t thread_count() const { return 2; }
  void thread(std::size_t i) {
    for (std::size_t r = 0; r < p_.rounds; ++r) {
      if (!flags_.try_enter(i)) continue;
      section_.enter_and_leave(i);
      flags_.leave(i);
    }
  }
  void check() {}

 private:
  params p_;
  models::dekker_flags<Sync, SeqCstFence> flags_;
  critical_section<Sync> section_;
};

template <class Sync>
using memory_dekker_no_fence = dekker<Sync, false>;
template <class Sync>
using memory_dekker_seq_cst_fence = dekker<Sync, true>;

// --- single-producer single-consumer ring -----------------------------------

struct ring_params {
  std::size_t items = 3;  // through a ring of 2 slots: the indices wrap
};

/// Thread 0 pushes 1..items, thread 1 pops them and must see them in order.
template <class Sync, std::memory_order Publish>
struct spsc {
  using params = ring_params;
  explicit spsc(const params& p) : p_(p) {}
  std::size_t thread_count() const { return 2; }
  void thread(std::size_t i) {
    for (int k = 1; k <= static_cast<int>(p_.items); ++k) {
      if (i == 0) {
        while (!ring_.try_push(k)) Sync::this_thread::yield();
      } else {
        std::optional<int> got;
        while (!(got = ring_.try_pop())) Sync::this_thread::yield();
        WEFT_ASSERT(*got == k, "popped an element other than the next one pushed");
      }
    }
  }
  void check() {}

 private:
  params p_;
  models::spsc_ring<Sync, 2, Publish> ring_;
};

template <class Sync>
using memory_spsc_relaxed_index = spsc<Sync, std::memory_order_relaxed>;
template <class Sync>
using memory_spsc_release_acquire = spsc<Sync, std::memory_order_release>;

// --- Chase–Lev work-stealing deque ------------------------------------------

struct deque_params {
  std::size_t pushes = 2;   // the owner pushes 1..pushes
  std::size_t takes = 1;    // then takes this many times
  std::size_t thieves = 1;  // threads 1..thieves
  std::size_t steals = 2;   // steal attempts per thief (a yield after each)
};

/// Every element pushed is obtained exactly once: taken, stolen, or still in
/// the deque at the end.
template <class Sync, std::memory_order TakeFence>
struct work_stealing {
  using params = deque_params;
  explicit work_stealing(const params& p) : p_(p), got_(1 + p.thieves) {}
  std::size_t thread_count() const { return 1 + p_.thieves; }
  void thread(std::size_t i) {
    auto& mine = got_[i];
    if (i == 0) {
      for (int k = 1; k <= static_cast<int>(p_.pushes); ++k) WEFT_ASSERT(deque_.push(k), "deque full");
      for (std::size_t k = 0; k < p_.takes; ++k) {
        if (auto x = deque_.take()) mine.write().push_back(*x);
      }
      return;
    }
    for (std::size_t k = 0; k < p_.steals; ++k) {
      if (auto r = deque_.steal(); r.value) mine.write().push_back(*r.value);
      Sync::this_thread::yield();
    }
  }
  void check() {
    std::vector<int> times(p_.pushes + 1, 0);
    const auto count = [&](int x) {
      WEFT_ASSERT(x >= 1 && x <= static_cast<int>(p_.pushes), "obtained an element never pushed");
      ++times[static_cast<std::size_t>(x)];
    };
    for (const auto& g : got_) {
      for (int x : g.read()) count(x);
    }
    deque_.remaining(count);
    for (std::size_t x = 1; x <= p_.pushes; ++x) {
      WEFT_ASSERT(times[x] <= 1, "an element was obtained twice");
      WEFT_ASSERT(times[x] >= 1, "an element was lost");
    }
  }

 private:
  params p_;
  models::work_stealing_deque<Sync, 4, TakeFence> deque_;
  std::vector<typename Sync::template var<std::vector<int>>> got_;  // per thread
};

template <class Sync>
using memory_work_stealing_c11 = work_stealing<Sync, std::memory_order_seq_cst>;
template <class Sync>
using memory_work_stealing_acq_rel_fence = work_stealing<Sync, std::memory_order_acq_rel>;

}  // namespace weft::scenarios
