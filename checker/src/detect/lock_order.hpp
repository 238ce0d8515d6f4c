// lock_order.hpp — the lock-order graph of a whole run.
//
// An edge A -> B means some thread acquired B while holding A. Edges are
// accumulated over every execution of a run, in iteration order, so an AB/BA
// pattern is reported as a `lock_order_inversion` even when no explored
// schedule deadlocked (ThreadSanitizer's deadlock detector does the same).
// The finding's schedule lists the executions that contributed the cycle's
// edges, so replay rebuilds the same graph.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "../engine/execution.hpp"

namespace weft::detail {

class lock_order_graph {
 public:
  /// Adds an edge first seen in execution `iteration`. Returns the finding
  /// when the edge closes a cycle, with the contributing executions'
  /// decisions in `schedule_executions` (in iteration order).
  std::optional<finding> add(const lock_edge& edge, std::uint64_t iteration,
                             std::vector<std::vector<std::uint64_t>>* schedule_executions);

 private:
  struct stored {
    lock_edge edge;
    std::uint64_t iteration;
  };
  bool find_path(std::uint64_t from, std::uint64_t to, std::vector<const stored*>& path,
                 std::vector<std::uint64_t>& visited) const;
  std::multimap<std::uint64_t, stored> out_;  // from -> edges
};

}  // namespace weft::detail
