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
// The finding's schedule lists the executions that contributed the cycle's
// edges, so replay rebuilds the same graph.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "../runtime/execution.hpp"

namespace weft::detail {

class lock_order_graph {
 public:
  /// Adds an edge first seen in execution `iteration`. Returns the finding
  /// when the edge closes a cycle that could deadlock, with the contributing
  /// executions' decisions in `schedule_executions` (in iteration order).
  std::optional<finding> add(const lock_edge& edge, std::uint64_t iteration,
                             std::vector<std::vector<std::uint64_t>>* schedule_executions);

 private:
  struct stored {
    lock_edge edge;
    std::uint64_t iteration;
  };
  struct search;
  bool reaches(std::uint64_t from, std::uint64_t to) const;
  std::multimap<std::uint64_t, stored> out_;  // from -> edges
};

}  // namespace weft::detail
