// detectors.hpp — every detector of the controlled scheduler behind one set
// of plain hooks: the runtime (runtime/execution.hpp) holds one `detectors`
// and calls only these, at every access, acquire, release, spawn, join,
// thread end and when no thread can run. Each hook is inline and forwards to
// the concrete detectors:
//
//   happens_before.hpp  the threads' vector clocks (synchronisation edges)
//   race.hpp            data races on weft::var (FastTrack)
//   lock_order.hpp      lock-order edges (the graph over the run is the explorer's)
//   deadlock.hpp        deadlock or lost wakeup, when every thread waits
//   misuse.hpp          misuse findings (held at the end here; the primitives
//                       raise the others where the contract breaks)
//
// Adding a detector: its files in detect/, a member and calls in the hooks
// below, its sources in checker/CMakeLists.txt. The runtime does not change
// unless the detector needs an event no hook reports yet.
#pragma once

#include <atomic>
#include <cstdint>
#include <vector>

#include "deadlock.hpp"
#include "happens_before.hpp"
#include "lock_order.hpp"
#include "misuse.hpp"
#include "race.hpp"
#include "weft/detectors.hpp"

namespace weft::detail {

class execution;

class detectors {
 public:
  explicit detectors(const detector_set& on)
      : races_(on.enabled(finding_kind::data_race)),
        lock_order_on_(on.enabled(finding_kind::lock_order_inversion)) {}

  /// A new execution begins; `edges`: which lock-order edges it reports.
  void begin_execution(edge_recording edges) {
    lock_order_.begin(lock_order_on_ ? edges : edge_recording::none);
  }
  /// The lock-order edges the execution added (once, at its end).
  std::vector<lock_edge> take_new_edges() { return lock_order_.take_new_edges(); }

  // --- threads --------------------------------------------------------------
  /// Thread `child` starts, spawned by `parent` (no_thread: the first thread).
  void on_spawn(std::uint32_t parent, std::uint32_t child) {
    if (held_.size() <= child) held_.resize(child + 1);
    held_[child].clear();
    hb_.spawn(parent, child);
  }
  /// `thread` joined thread `finished`.
  void on_join(std::uint32_t thread, std::uint32_t finished) { hb_.join(thread, finished); }
  /// `thread` ends (before it is marked finished); `aborting`: the execution
  /// is being abandoned after a finding.
  void on_finish(execution& e, std::uint32_t thread, bool aborting) {
    std::vector<held_lock>& held = held_[thread];
    if (held.empty()) return;
    if (!aborting) report_held_at_end(e, thread, held);
    held.clear();
  }

  // --- synchronisation ------------------------------------------------------
  /// `thread` took `m` (exclusively or shared) at `where`; `blocking`: by a
  /// lock that could have blocked (a try_lock adds no lock-order edge, as in
  /// ThreadSanitizer, but the lock counts as held).
  void on_acquire(const execution& e, std::uint32_t thread, mutex_state& m, const location& where, bool blocking,
                  bool exclusive) {
    hb_.acquire(thread, m.clock);
    std::vector<held_lock>& held = held_[thread];
    if (blocking && lock_order_.recording() && !held.empty()) lock_order_.acquire(e, thread, held, m, where);
    held.push_back({&m, where, exclusive});
  }
  /// `thread` released `m` (its last exclusive hold, or one shared hold).
  void on_release(std::uint32_t thread, mutex_state& m, bool exclusive) {
    if (exclusive) {
      hb_.release(thread, m.clock);
    } else {
      hb_.release_join(thread, m.clock);  // a later writer happens after every reader
    }
    std::vector<held_lock>& held = held_[thread];
    for (std::size_t i = held.size(); i-- > 0;) {
      if (held[i].mutex == &m) {
        held.erase(held.begin() + static_cast<std::ptrdiff_t>(i));
        return;
      }
    }
  }
  /// `thread` took a permit of `s` / released permits of `s`.
  void on_acquire(std::uint32_t thread, const semaphore_state& s) { hb_.acquire(thread, s.clock); }
  void on_release(std::uint32_t thread, semaphore_state& s) { hb_.release_join(thread, s.clock); }
  /// Atomics (memory/atomic_memory.hpp decides what synchronises with
  /// what): `thread` acquires what a store (or its fences) published; it
  /// publishes its clock into a store (`into` replaced, or joined for an RMW
  /// that continues a release sequence).
  [[gnu::always_inline]] void on_atomic_acquire(std::uint32_t thread, const vclock& released) { hb_.acquire(thread, released); }
  [[gnu::always_inline]] void on_atomic_release(std::uint32_t thread, vclock& into) { hb_.release(thread, into); }
  [[gnu::always_inline]] void on_atomic_release_join(std::uint32_t thread, vclock& into) { hb_.release_join(thread, into); }
  /// `thread`'s vector clock (its own entry is its epoch).
  const vclock& clock(std::uint32_t thread) const { return hb_.clock(thread); }

  // --- plain accesses -------------------------------------------------------
  /// A read or write of `v` by `thread` at `where`; `event`: its trace index
  /// (read only when the execution is traced). May end the execution.
  /// A read returns whether `thread` had not read `v` at its current epoch
  /// yet (false when race detection is off: it keeps no record of reads).
  bool on_read(execution& e, std::uint32_t thread, var_state& v, const location& where, std::uint64_t event) {
    return races_ && race::read(e, thread, hb_.clock(thread), v, where, event);
  }
  void on_write(execution& e, std::uint32_t thread, var_state& v, const location& where, std::uint64_t event) {
    if (races_) race::write(e, thread, hb_.clock(thread), v, where, event);
  }
  /// A variable first used in this execution.
  static void on_adopt(var_state& v) { race::reset(v); }
  /// Whether data races are looked for (options::detect).
  bool finds_races() const { return races_; }

  // --- the end --------------------------------------------------------------
  /// No thread can run and some have not finished: the finding (a deadlock
  /// or a lost wakeup), from a const view of the execution.
  finding on_stuck(const execution& e) const { return describe_stuck(e, held_); }

 private:
  const bool races_;
  const bool lock_order_on_;
  happens_before hb_;
  lock_order_recorder lock_order_;
  std::vector<std::vector<held_lock>> held_;  // by thread id, in acquisition order
};

}  // namespace weft::detail
