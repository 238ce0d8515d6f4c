#include "lock_order.hpp"

#include <algorithm>
#include <iterator>
#include <unordered_set>

#include "../runtime/execution.hpp"

namespace weft::detail {
namespace {

std::uint64_t mix(std::uint64_t h, std::uint64_t v) {
  h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
  return h;
}

/// Whether two edges could be waiting at the same time: other threads, and
/// no lock held exclusively by both.
bool may_coexist(const lock_edge& a, const lock_edge& b) {
  if (a.thread == b.thread) return false;
  auto i = a.gates.begin(), j = b.gates.begin();
  while (i != a.gates.end() && j != b.gates.end()) {
    if (*i == *j) return false;
    if (*i < *j) {
      ++i;
    } else {
      ++j;
    }
  }
  return true;
}

bool of_one_execution(std::uint64_t key) { return (key & key_of_one_execution) != 0; }

/// The graph's key for a lock of an edge seen in execution `iteration`: a
/// key of one execution made that execution's own.
std::uint64_t in_run(std::uint64_t key, std::uint64_t iteration) {
  if (!of_one_execution(key)) return key;
  constexpr std::uint64_t top_bits = std::uint64_t{3} << 62;
  return key_of_one_execution | (mix(key, iteration * 0x9e3779b97f4a7c15ULL) & ~top_bits);
}

/// One number for an edge's (from, to, thread, gates): edges equal in these
/// close the same cycles.
std::uint64_t identity_of(std::uint64_t from, std::uint64_t to, std::uint32_t thread,
                          const std::vector<std::uint64_t>& gates) {
  std::uint64_t gate_hash = gates.size();
  for (std::uint64_t g : gates) gate_hash = mix(gate_hash, g);
  return mix(mix(mix(from * 0x9e3779b97f4a7c15ULL, to), thread), gate_hash);
}

/// An edge as the finding lists it; its execution counted from 1, as the
/// console counts them ("found at execution 3").
std::string describe(const lock_edge& e, std::uint64_t iteration) {
  return "  " + e.from_name + " held while locking " + e.to_name + " by thread " + std::to_string(e.thread) +
         " at " + e.where.file + ":" + std::to_string(e.where.line) + " (execution " +
         std::to_string(iteration + 1) + ")";
}

}  // namespace

void lock_order_recorder::acquire(const execution& e, std::uint32_t thread, std::span<const held_lock> held,
                                  const mutex_state& m, const location& where) {
  std::vector<std::uint64_t> gates;
  for (const held_lock& h : held) {
    if (h.exclusive) gates.push_back(h.mutex->key);
  }
  std::sort(gates.begin(), gates.end());
  const bool gate_of_one_execution = std::any_of(gates.begin(), gates.end(), of_one_execution);
  for (const held_lock& h : held) {
    if (h.mutex == &m) continue;
    // One edge per (from, to, thread, gates): the same pair of locks taken
    // by another thread, or under other gates, may close a cycle this one
    // cannot. An edge with a lock of this execution only is new in the next.
    const std::uint64_t edge = identity_of(h.mutex->key, m.key, thread, gates);
    const bool this_execution_only = gate_of_one_execution || of_one_execution(h.mutex->key) || of_one_execution(m.key);
    if (!(this_execution_only ? known_now_ : known_).insert(edge).second) continue;
    lock_edge ed;
    ed.from = h.mutex->key;
    ed.to = m.key;
    ed.from_name = e.name_of(*h.mutex);
    ed.to_name = e.name_of(m);
    ed.thread = thread;
    ed.gates = gates;
    ed.where = to_location(where);
    ed.decisions.assign(e.decisions().begin(), e.decisions().end());
    new_edges_.push_back(std::move(ed));
  }
}

/// Depth-first search for a path back to the closing edge's source whose
/// edges may all coexist with each other and with the closing edge. The
/// constraints depend on the path, so locks are marked per path, not once;
/// a budget bounds the (in principle exponential) search on huge graphs.
struct lock_order_graph::search {
  const std::multimap<std::uint64_t, stored>& out;
  const lock_edge& closing;
  std::vector<const stored*> path;
  std::vector<std::uint64_t> on_path;  // locks
  std::uint64_t budget = 200'000;

  bool fits(const lock_edge& e) const {
    if (!may_coexist(e, closing)) return false;
    return std::all_of(path.begin(), path.end(), [&](const stored* s) { return may_coexist(e, s->edge); });
  }

  bool from(std::uint64_t lock) {
    if (lock == closing.from) return true;
    if (budget == 0 || std::find(on_path.begin(), on_path.end(), lock) != on_path.end()) return false;
    --budget;
    on_path.push_back(lock);
    auto [lo, hi] = out.equal_range(lock);
    for (auto it = lo; it != hi; ++it) {
      if (!fits(it->second.edge)) continue;
      path.push_back(&it->second);
      if (from(it->second.edge.to)) return true;
      path.pop_back();
    }
    on_path.pop_back();
    return false;
  }
};

bool lock_order_graph::reaches(std::uint64_t from, std::uint64_t to) const {
  std::vector<std::uint64_t> todo{from};
  std::unordered_set<std::uint64_t> seen{from};
  while (!todo.empty()) {
    const std::uint64_t lock = todo.back();
    todo.pop_back();
    if (lock == to) return true;
    auto [lo, hi] = out_.equal_range(lock);
    for (auto it = lo; it != hi; ++it) {
      if (seen.insert(it->second.edge.to).second) todo.push_back(it->second.edge.to);
    }
  }
  return false;
}

/// Drops the edges with a lock of the ended execution only (iteration_)
/// that lie on no path from a lasting lock to a lasting lock through that
/// execution's locks: no later edge can join them.
void lock_order_graph::forget_edges_of_ended_execution() {
  std::unordered_set<std::uint64_t> from_lasting, to_lasting;  // such locks reached from / reaching lasting ones
  for (bool changed = true; changed;) {
    changed = false;
    for (const edge_map::iterator it : of_one_execution_) {
      const lock_edge& e = it->second.edge;
      if (of_one_execution(e.to) && (!of_one_execution(e.from) || from_lasting.count(e.from) != 0)) {
        changed |= from_lasting.insert(e.to).second;
      }
      if (of_one_execution(e.from) && (!of_one_execution(e.to) || to_lasting.count(e.to) != 0)) {
        changed |= to_lasting.insert(e.from).second;
      }
    }
  }
  for (const edge_map::iterator it : of_one_execution_) {
    const lock_edge& e = it->second.edge;
    const bool on_a_lasting_path = (!of_one_execution(e.from) || from_lasting.count(e.from) != 0) &&
                                   (!of_one_execution(e.to) || to_lasting.count(e.to) != 0);
    if (on_a_lasting_path) continue;
    known_.erase(it->second.identity);
    out_.erase(it);
  }
  of_one_execution_.clear();
}

std::optional<finding> lock_order_graph::add(const lock_edge& seen, std::uint64_t iteration,
                                             std::vector<std::vector<std::uint64_t>>* schedule_executions) {
  if (iteration != iteration_) forget_edges_of_ended_execution();
  iteration_ = iteration;
  const bool lasting_ends = !of_one_execution(seen.from) && !of_one_execution(seen.to);
  if (lasting_ends) {
    // An edge between lasting locks seen in an earlier execution joins every
    // cycle this one would: its gates of one execution match no lock now.
    std::vector<std::uint64_t> lasting_gates;
    std::copy_if(seen.gates.begin(), seen.gates.end(), std::back_inserter(lasting_gates),
                 [](std::uint64_t g) { return !of_one_execution(g); });
    const auto [first, inserted] =
        first_seen_.try_emplace(identity_of(seen.from, seen.to, seen.thread, lasting_gates), iteration);
    if (!inserted && first->second != iteration) return std::nullopt;
  }
  lock_edge edge = seen;
  edge.from = in_run(edge.from, iteration);
  edge.to = in_run(edge.to, iteration);
  for (std::uint64_t& g : edge.gates) g = in_run(g, iteration);
  std::sort(edge.gates.begin(), edge.gates.end());
  const std::uint64_t identity = identity_of(edge.from, edge.to, edge.thread, edge.gates);
  if (!known_.insert(identity).second) return std::nullopt;

  // Plain reachability first: most new edges close no cycle at all.
  const bool cycle_possible = reaches(edge.to, edge.from);
  search s{out_, edge, {}, {}};
  const bool cycle = cycle_possible && s.from(edge.to);
  const auto added = out_.emplace(edge.from, stored{edge, iteration, identity});
  if (!lasting_ends) of_one_execution_.push_back(added);
  if (!cycle) return std::nullopt;
  const std::vector<const stored*>& path = s.path;

  finding f;
  f.kind = finding_kind::lock_order_inversion;
  f.message = "lock-order inversion: " + edge.from_name + " -> " + edge.to_name + " by thread " +
              std::to_string(edge.thread) + ", but ";
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (i > 0) f.message += ", ";
    f.message += path[i]->edge.from_name + " -> " + path[i]->edge.to_name + " by thread " +
                 std::to_string(path[i]->edge.thread);
  }
  f.message += " (a potential deadlock: no common lock keeps these threads apart)";
  f.locations.push_back(edge.where);
  f.details.push_back("lock-order cycle:");
  f.details.push_back(describe(edge, iteration));
  for (const stored* p : path) {
    f.locations.push_back(p->edge.where);
    f.details.push_back(describe(p->edge, p->iteration));
  }
  if (schedule_executions != nullptr) {
    std::vector<const stored*> all = path;
    std::sort(all.begin(), all.end(), [](const stored* a, const stored* b) { return a->iteration < b->iteration; });
    schedule_executions->clear();
    std::uint64_t last = ~std::uint64_t{0};
    for (const stored* p : all) {
      if (p->iteration == iteration || p->iteration == last) continue;
      schedule_executions->push_back(p->edge.decisions);
      last = p->iteration;
    }
    schedule_executions->push_back(edge.decisions);
  }
  f.iteration = iteration;
  return f;
}

}  // namespace weft::detail
