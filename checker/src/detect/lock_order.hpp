// lock_order.hpp — the lock-order graph of a whole run.
//
// An edge A -> B means some thread acquired B while holding A. Edges are
// accumulated over every execution of a run, in iteration order, so an AB/BA
// pattern is reported as a `lock_order_inversion` even when no explored
// schedule deadlocked (ThreadSanitizer's deadlock detector does the same).
//
// A cycle is reported only when it could be a deadlock (Bensalem & Havelund's
// refinement of Goodlock, as in iGoodlock): its edges come from pairwise
// distinct threads — one thread cannot wait for itself — and were taken under
// pairwise disjoint sets of exclusively held locks — two threads inside a
// common "gate" lock cannot both be waiting in the cycle. A lock released
// before the next is taken leaves no edge at all (the runtime records only
// locks still held).
//
// A lock whose key holds in one execution only (key_of_one_execution: made
// while threads ran, a heap node say) joins edges of its own execution only:
// the graph gives its key another value in each execution, and forgets its
// edges once that execution is over unless they lead from one lasting lock
// to another.
//
// The finding's schedule lists the executions that contributed the cycle's
// edges, so replay rebuilds the same graph.
//
// Two halves: lock_order_recorder, inside an execution (the detectors'
// on_acquire hook), turns each blocking acquisition under held locks into
// edges; lock_order_graph, in the explorer, accumulates them over the run.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "weft/detail/runtime.hpp"
#include "weft/result.hpp"

namespace weft::detail {

class execution;

/// A lock a thread holds, and where it took it.
struct held_lock {
  mutex_state* mutex = nullptr;
  location where;
  bool exclusive = true;
};

/// A lock-order edge: `to` acquired while `from` was held, by `thread`,
/// holding exclusively the locks in `gates` (sorted keys, `from` included
/// when held exclusively): two edges taken under a common gate cannot be
/// waiting on each other at the same time.
struct lock_edge {
  std::uint64_t from = 0, to = 0;
  std::string from_name, to_name;
  std::uint32_t thread = 0;
  std::vector<std::uint64_t> gates;
  source_location where;
  std::vector<std::uint64_t> decisions;  // the execution's decisions up to the acquisition
};

/// Which lock-order edges an execution reports (execution::run).
enum class edge_recording : std::uint8_t {
  none,           // none (warm-up executions, shrinking candidates)
  new_in_run,     // those no earlier execution of the same execution object reported
  every,          // each distinct edge of the execution (replay rebuilds the graph)
};

/// The edges of one execution: the recorder keeps the set of edges already
/// reported (across the executions of a run, or of one execution) and the
/// new ones of the current execution.
class lock_order_recorder {
 public:
  /// A new execution; `mode` says which edges it reports.
  void begin(edge_recording mode) {
    mode_ = mode;
    if (mode == edge_recording::every) known_.clear();
    known_now_.clear();
    new_edges_.clear();
  }
  bool recording() const { return mode_ != edge_recording::none; }
  /// Thread `thread`, holding `held` (not empty), blocks to acquire `m` at `where`.
  void acquire(const execution& e, std::uint32_t thread, std::span<const held_lock> held, const mutex_state& m,
               const location& where);
  /// The edges the execution added (moved out).
  std::vector<lock_edge> take_new_edges() { return std::move(new_edges_); }

 private:
  edge_recording mode_ = edge_recording::none;
  std::unordered_set<std::uint64_t> known_;
  std::unordered_set<std::uint64_t> known_now_;  // edges with a lock of this execution only
  std::vector<lock_edge> new_edges_;
};

class lock_order_graph {
 public:
  /// Adds an edge seen in execution `iteration` (executions come in
  /// iteration order); an edge already in the graph adds nothing. Returns
  /// the finding when the edge closes a cycle that could deadlock, with the
  /// contributing executions' decisions in `schedule_executions` (in
  /// iteration order).
  std::optional<finding> add(const lock_edge& edge, std::uint64_t iteration,
                             std::vector<std::vector<std::uint64_t>>* schedule_executions);

 private:
  struct stored {
    lock_edge edge;
    std::uint64_t iteration;
    std::uint64_t identity;  // of (from, to, thread, gates)
  };
  using edge_map = std::multimap<std::uint64_t, stored>;
  struct search;
  bool reaches(std::uint64_t from, std::uint64_t to) const;
  void forget_edges_of_ended_execution();
  edge_map out_;  // from -> edges
  std::unordered_set<std::uint64_t> known_;  // identities of the edges in out_
  // Edges between lasting locks, by identity without gates of one execution:
  // the execution that first showed one.
  std::unordered_map<std::uint64_t, std::uint64_t> first_seen_;
  std::uint64_t iteration_ = 0;                       // of the latest edge added
  std::vector<edge_map::iterator> of_one_execution_;  // iteration_'s edges from or to such a lock
};

}  // namespace weft::detail
