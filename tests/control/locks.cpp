// Control programs built on locks: philosophers, spin locks (TAS, TTAS,
// ticket, MCS, reader-writer), hand-over-hand locking, try_lock back-off,
// recursive and shared mutexes, std::scoped_lock.
#include <mutex>
#include <shared_mutex>

#include "programs.hpp"

namespace control {
namespace {

using weft::finding_kind;

// --- dining philosophers -------------------------------------------------------------------
constexpr int philosophers = 4;

/// Every philosopher takes its two forks inside one gate mutex.
void gate_lock_philosophers() {
  weft::mutex gate;
  std::vector<weft::mutex> forks(philosophers);
  weft::var<int> meals{0};
  run_threads(philosophers, [&](int i) {
    std::lock_guard g(gate);
    std::lock_guard left(forks[i]);
    std::lock_guard right(forks[(i + 1) % philosophers]);
    meals = meals + 1;
  });
  WEFT_ASSERT(meals == philosophers);
}
/// Every philosopher takes the lower-numbered fork first.
void resource_ordering_philosophers() {
  std::vector<weft::mutex> forks(philosophers);
  std::vector<weft::var<int>> eaten(philosophers);
  run_threads(philosophers, [&](int i) {
    const int a = i, b = (i + 1) % philosophers;
    std::lock_guard first(forks[std::min(a, b)]);
    std::lock_guard second(forks[std::max(a, b)]);
    eaten[a] = eaten[a] + 1;
    eaten[b] = eaten[b] + 1;
  });
}
/// BUG: left fork then right fork, no gate: the circular wait.
void naive_philosophers() {
  std::vector<weft::mutex> forks(philosophers);
  run_threads(philosophers, [&](int i) {
    std::lock_guard left(forks[i]);
    std::lock_guard right(forks[(i + 1) % philosophers]);
  });
}

// --- spin locks ------------------------------------------------------------------------------
/// A spin lock protecting a counter, incremented by three threads.
template <class Lock>
void spin_locked_counter(std::memory_order acquire = std::memory_order_acquire,
                         std::memory_order release = std::memory_order_release) {
  Lock lock;
  weft::var<int> counter{0};
  run_threads(3, [&](int) {
    lock.lock(acquire);
    counter = counter + 1;
    lock.unlock(release);
  });
  WEFT_ASSERT(counter == 3);
}

struct tas_lock {
  weft::atomic<bool> locked{false};
  void lock(std::memory_order o) {
    while (locked.exchange(true, o)) weft::this_thread::yield();
  }
  void unlock(std::memory_order o) { locked.store(false, o); }
};
struct ttas_lock {
  weft::atomic<bool> locked{false};
  void lock(std::memory_order o) {
    for (;;) {
      while (locked.load(std::memory_order_relaxed)) weft::this_thread::yield();
      if (!locked.exchange(true, o)) return;
    }
  }
  void unlock(std::memory_order o) { locked.store(false, o); }
};
/// BUG: test, then set — two threads both see it free.
struct check_then_set_lock {
  weft::atomic<bool> locked{false};
  void lock(std::memory_order o) {
    while (locked.load(o)) weft::this_thread::yield();
    locked.store(true, std::memory_order_relaxed);
  }
  void unlock(std::memory_order o) { locked.store(false, o); }
};
struct ticket_lock {
  weft::atomic<unsigned> next{0};
  weft::atomic<unsigned> serving{0};
  void lock(std::memory_order o) {
    const unsigned mine = next.fetch_add(1, std::memory_order_relaxed);
    while (serving.load(o) != mine) weft::this_thread::yield();
  }
  void unlock(std::memory_order o) { serving.store(serving.load(std::memory_order_relaxed) + 1, o); }
};

void tas_spin_lock() { spin_locked_counter<tas_lock>(); }
void tas_relaxed() { spin_locked_counter<tas_lock>(std::memory_order_relaxed, std::memory_order_relaxed); }
void ttas_spin_lock() { spin_locked_counter<ttas_lock>(); }
void ttas_broken() { spin_locked_counter<check_then_set_lock>(); }
void ticket_spin_lock() { spin_locked_counter<ticket_lock>(); }
void ticket_relaxed_unlock() { spin_locked_counter<ticket_lock>(std::memory_order_acquire, std::memory_order_relaxed); }

/// MCS queue lock: each thread spins on its own node, kept in a local.
struct mcs_lock {
  struct node {
    weft::atomic<node*> next{nullptr};
    weft::atomic<bool> waiting{false};
  };
  weft::atomic<node*> tail{nullptr};
  std::memory_order handoff = std::memory_order_release;

  void lock(node& me) {
    me.next.store(nullptr, std::memory_order_relaxed);
    me.waiting.store(true, std::memory_order_relaxed);
    node* pred = tail.exchange(&me, std::memory_order_acq_rel);
    if (pred == nullptr) return;
    pred->next.store(&me, std::memory_order_release);
    while (me.waiting.load(std::memory_order_acquire)) weft::this_thread::yield();
  }
  void unlock(node& me) {
    node* succ = me.next.load(std::memory_order_acquire);
    if (succ == nullptr) {
      node* expected = &me;
      if (tail.compare_exchange_strong(expected, nullptr, std::memory_order_acq_rel)) return;
      while ((succ = me.next.load(std::memory_order_acquire)) == nullptr) weft::this_thread::yield();
    }
    succ->waiting.store(false, handoff);
  }
};
void mcs_counter(std::memory_order handoff) {
  mcs_lock lock;
  lock.handoff = handoff;
  weft::var<int> counter{0};
  run_threads(3, [&](int) {
    mcs_lock::node me;
    lock.lock(me);
    counter = counter + 1;
    lock.unlock(me);
  });
  WEFT_ASSERT(counter == 3);
}
void mcs_spin_lock() { mcs_counter(std::memory_order_release); }
void mcs_relaxed_handoff() { mcs_counter(std::memory_order_relaxed); }

/// Reader-writer spin lock: -1 a writer, n > 0 readers.
struct rw_spin_lock {
  weft::atomic<int> state{0};
  std::memory_order reader_release = std::memory_order_release;
  void lock_shared() {
    for (;;) {
      int s = state.load(std::memory_order_relaxed);
      if (s >= 0 && state.compare_exchange_weak(s, s + 1, std::memory_order_acquire)) return;
      weft::this_thread::yield();
    }
  }
  void unlock_shared() { state.fetch_sub(1, reader_release); }
  void lock() {
    int expected = 0;
    while (!state.compare_exchange_weak(expected, -1, std::memory_order_acquire)) {
      expected = 0;
      weft::this_thread::yield();
    }
  }
  void unlock() { state.store(0, std::memory_order_release); }
};
void rw_spin(std::memory_order reader_release) {
  rw_spin_lock lock;
  lock.reader_release = reader_release;
  weft::var<int> value{0};
  run_threads(3, [&](int i) {
    if (i == 0) {
      lock.lock();
      value = value + 1;
      lock.unlock();
    } else {
      lock.lock_shared();
      const int v = value;
      WEFT_ASSERT(v == 0 || v == 1);
      lock.unlock_shared();
    }
  });
}
void rw_spin_lock_program() { rw_spin(std::memory_order_release); }
void rw_spin_relaxed_reader_unlock() { rw_spin(std::memory_order_relaxed); }

// --- hand-over-hand locking on a list ----------------------------------------------------------
constexpr int list_length = 4;
/// Threads walk the list front to back holding two node locks at a time;
/// with `one_backwards`, thread 0 walks back to front (BUG: opposite orders).
void hand_over_hand(bool one_backwards) {
  std::vector<weft::mutex> locks(list_length);
  std::vector<weft::var<int>> values(list_length);
  run_threads(2, [&](int t) {
    const bool back = one_backwards && t == 0;
    auto node = [&](int k) { return back ? list_length - 1 - k : k; };
    locks[node(0)].lock();
    for (int k = 0; k < list_length; ++k) {
      values[node(k)] = values[node(k)] + 1;
      if (k + 1 < list_length) locks[node(k + 1)].lock();
      locks[node(k)].unlock();
    }
  });
  for (int k = 0; k < list_length; ++k) WEFT_ASSERT(values[k] == 2);
}
void hand_over_hand_list() { hand_over_hand(false); }
void hand_over_hand_both_ways() { hand_over_hand(true); }

// --- try_lock with back-off ---------------------------------------------------------------------
/// Two threads need both locks and take them in opposite orders; the second
/// with try_lock, releasing the first and backing off when it fails.
void try_lock_back_off() {
  weft::mutex a, b;
  weft::var<int> both{0};
  run_threads(2, [&](int t) {
    weft::mutex& first = t == 0 ? a : b;
    weft::mutex& second = t == 0 ? b : a;
    for (;;) {
      first.lock();
      if (second.try_lock()) break;
      first.unlock();
      weft::this_thread::yield();
    }
    both = both + 1;
    second.unlock();
    first.unlock();
  });
  WEFT_ASSERT(both == 2);
}
/// BUG: the same orders with a blocking lock.
void opposite_orders_blocking() {
  weft::mutex a, b;
  run_threads(2, [&](int t) {
    std::lock_guard first(t == 0 ? a : b);
    std::lock_guard second(t == 0 ? b : a);
  });
}
/// std::scoped_lock takes both in any order without deadlocking.
void scoped_lock_opposite_orders() {
  weft::mutex a, b;
  weft::var<int> both{0};
  run_threads(2, [&](int t) {
    if (t == 0) {
      std::scoped_lock l(a, b);
      both = both + 1;
    } else {
      std::scoped_lock l(b, a);
      both = both + 1;
    }
  });
  WEFT_ASSERT(both == 2);
}

// --- recursive and shared mutexes ------------------------------------------------------------------
template <class Mutex>
void recursive_sum() {
  Mutex m;
  weft::var<int> total{0};
  std::function<void(int)> add = [&](int depth) {
    std::lock_guard g(m);
    total = total + 1;
    if (depth > 0) add(depth - 1);
  };
  run_threads(2, [&](int) { add(2); });
  WEFT_ASSERT(total == 6);
}
void recursive_mutex_program() { recursive_sum<weft::recursive_mutex>(); }
void recursion_on_plain_mutex() { recursive_sum<weft::mutex>(); }

template <bool WriterShared>
void readers_writers() {
  weft::shared_mutex m;
  weft::var<int> value{0};
  run_threads(3, [&](int i) {
    if (i == 0) {
      if constexpr (WriterShared) {
        std::shared_lock l(m);  // BUG: a writer under a shared lock
        value = value + 1;
      } else {
        std::unique_lock l(m);
        value = value + 1;
      }
    } else {
      std::shared_lock l(m);
      const int v = value;
      WEFT_ASSERT(v == 0 || v == 1);
    }
  });
}

}  // namespace

std::vector<program> lock_programs() {
  const std::vector<finding_kind> deadlock{finding_kind::deadlock, finding_kind::lock_order_inversion};
  const std::vector<finding_kind> race{finding_kind::data_race};
  return {
      {"gate_lock_philosophers", gate_lock_philosophers, naive_philosophers, deadlock},
      {"resource_ordering_philosophers", resource_ordering_philosophers, naive_philosophers, deadlock},
      {"tas_spin_lock", tas_spin_lock, tas_relaxed, race},
      {"ttas_spin_lock", ttas_spin_lock, ttas_broken, {finding_kind::data_race, finding_kind::assertion}},
      {"ticket_lock", ticket_spin_lock, ticket_relaxed_unlock, race},
      {"mcs_lock", mcs_spin_lock, mcs_relaxed_handoff, race},
      {"rw_spin_lock", rw_spin_lock_program, rw_spin_relaxed_reader_unlock, race},
      {"hand_over_hand_list", hand_over_hand_list, hand_over_hand_both_ways, deadlock},
      {"try_lock_back_off", try_lock_back_off, opposite_orders_blocking, deadlock},
      {"scoped_lock_opposite_orders", scoped_lock_opposite_orders, opposite_orders_blocking, deadlock},
      {"recursive_mutex", recursive_mutex_program, recursion_on_plain_mutex, {finding_kind::misuse}},
      {"shared_mutex_readers_writers", readers_writers<false>, readers_writers<true>, race},
  };
}

}  // namespace control
