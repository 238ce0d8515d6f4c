#include "lock_order.hpp"

#include <algorithm>

namespace weft::detail {

bool lock_order_graph::find_path(std::uint64_t from, std::uint64_t to, std::vector<const stored*>& path,
                                 std::vector<std::uint64_t>& visited) const {
  if (from == to) return true;
  if (std::find(visited.begin(), visited.end(), from) != visited.end()) return false;
  visited.push_back(from);
  auto [lo, hi] = out_.equal_range(from);
  for (auto it = lo; it != hi; ++it) {
    path.push_back(&it->second);
    if (find_path(it->second.edge.to, to, path, visited)) return true;
    path.pop_back();
  }
  return false;
}

std::optional<finding> lock_order_graph::add(const lock_edge& edge, std::uint64_t iteration,
                                             std::vector<std::vector<std::uint64_t>>* schedule_executions) {
  std::vector<const stored*> path;
  std::vector<std::uint64_t> visited;
  const bool cycle = find_path(edge.to, edge.from, path, visited);
  out_.emplace(edge.from, stored{edge, iteration});
  if (!cycle) return std::nullopt;

  finding f;
  f.kind = finding_kind::lock_order_inversion;
  f.message = "lock-order inversion: " + edge.from_name + " -> " + edge.to_name + " by thread " +
              std::to_string(edge.thread) + ", but elsewhere ";
  std::vector<const stored*> all = path;
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (i > 0) f.message += ", ";
    f.message += path[i]->edge.from_name + " -> " + path[i]->edge.to_name;
  }
  f.message += " (a potential deadlock)";
  f.locations.push_back(edge.where);
  f.details.push_back("lock-order cycle:");
  f.details.push_back("  " + edge.from_name + " held while locking " + edge.to_name + " by thread " +
                      std::to_string(edge.thread) + " at " + edge.where.file + ":" +
                      std::to_string(edge.where.line) + " (execution " + std::to_string(iteration) + ")");
  for (const stored* s : path) {
    f.locations.push_back(s->edge.where);
    f.details.push_back("  " + s->edge.from_name + " held while locking " + s->edge.to_name +
                        " by thread " + std::to_string(s->edge.thread) + " at " + s->edge.where.file +
                        ":" + std::to_string(s->edge.where.line) + " (execution " +
                        std::to_string(s->iteration) + ")");
  }
  if (schedule_executions != nullptr) {
    std::sort(all.begin(), all.end(), [](const stored* a, const stored* b) { return a->iteration < b->iteration; });
    schedule_executions->clear();
    std::uint64_t last = ~std::uint64_t{0};
    for (const stored* s : all) {
      if (s->iteration == iteration || s->iteration == last) continue;
      schedule_executions->push_back(s->edge.decisions);
      last = s->iteration;
    }
    schedule_executions->push_back(edge.decisions);
  }
  f.iteration = iteration;
  return f;
}

}  // namespace weft::detail
