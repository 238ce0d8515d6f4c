// weft/lincheck/search.hpp — the linearizability checker: is a recorded
// history of operations explained by some sequential order of a model?
//
// Wing & Gong's search (J. Parallel Distrib. Comput. 1993) over the history's
// call/return events kept in a dancing-links list, with Lowe's memoisation of
// (set of linearized operations, model state) ("Testing for linearizability",
// CCPE 2017 — just-in-time linearizability, as in Porcupine), and
// P-compositionality (Horn & Kroening 2015) when every operation has a
// partition key: operations on different keys are checked as independent
// histories. Plain data and templates only: no dependency on the runtime, so
// tests and benchmarks run it on hand-written histories.
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <stdexcept>
#include <unordered_set>
#include <utility>
#include <vector>

namespace weft::lincheck {

/// One completed operation of a history: when it was invoked and when it
/// responded, on one clock shared by all threads (all times distinct).
struct interval {
  std::uint64_t call = 0;
  std::uint64_t ret = 0;
};

struct search_options {
  bool memoise = true;  // false: plain Wing & Gong (the baseline the benchmark compares against)
};

/// What the search concluded.
struct verdict {
  bool linearizable = true;
  /// Not linearizable: the longest sequence of operations (indices into the
  /// history, in linearization order) the search could place...
  std::vector<std::size_t> longest_prefix;
  /// ...and the operation that could not be placed after it (it had
  /// responded, so it had to be linearized by then, and no choice worked).
  std::size_t stuck = 0;
  std::uint64_t states = 0;  // (linearized set, model state) pairs tried: the search's cost
};

namespace detail {

/// A set of operation indices, as 64-bit words (hashable, comparable); up to
/// 128 operations inline, so the memo's keys of a small history allocate nothing.
class op_set {
 public:
  explicit op_set(std::size_t n) : size_(n) {
    if (n > 128) big_.assign((n + 63) / 64, 0);
  }
  void flip(std::size_t i) { word(i / 64) ^= std::uint64_t{1} << (i % 64); }
  bool operator==(const op_set& o) const { return small_ == o.small_ && big_ == o.big_; }
  std::size_t hash() const {
    std::uint64_t h = 0x9e3779b97f4a7c15ULL;
    for (std::uint64_t w : small_) h = (h ^ w) * 0x100000001b3ULL + (h >> 29);
    for (std::uint64_t w : big_) h = (h ^ w) * 0x100000001b3ULL + (h >> 29);
    return static_cast<std::size_t>(h);
  }

 private:
  std::uint64_t& word(std::size_t w) { return size_ > 128 ? big_[w] : small_[w]; }
  std::size_t size_;
  std::array<std::uint64_t, 2> small_{};
  std::vector<std::uint64_t> big_;
};

template <class Model>
std::size_t model_hash(const Model& m) {
  if constexpr (requires { std::hash<Model>{}(m); }) {
    return std::hash<Model>{}(m);
  } else {
    return 0;  // no hash: states with the same linearized set are told apart by ==
  }
}

/// The memo: (linearized set, model state) pairs already explored.
template <class Model>
class memo {
 public:
  /// True when the pair is new (and remembers it).
  bool insert(const op_set& done, const Model& state) {
    const std::size_t h = done.hash() ^ (model_hash(state) * 0x9e3779b97f4a7c15ULL);
    return seen_.insert(entry{done, state, h}).second;
  }

 private:
  struct entry {
    op_set done;
    Model state;
    std::size_t hash;
    bool operator==(const entry& o) const { return hash == o.hash && done == o.done && state == o.state; }
  };
  struct hasher {
    std::size_t operator()(const entry& e) const { return e.hash; }
  };
  std::unordered_set<entry, hasher> seen_;
};

/// The history's events in time order as a doubly linked list; an operation
/// is "lifted" (its call and return unlinked) while it is linearized.
class event_list {
 public:
  explicit event_list(std::span<const interval> ops) : nodes_(2 * ops.size() + 2) {
    std::vector<std::pair<std::uint64_t, std::size_t>> order;  // (time, node)
    order.reserve(2 * ops.size());
    for (std::size_t i = 0; i < ops.size(); ++i) {
      if (ops[i].ret <= ops[i].call) throw std::invalid_argument("lincheck: an operation returns before it is called");
      nodes_[call_node(i)].op = nodes_[return_node(i)].op = i;
      order.emplace_back(ops[i].call, call_node(i));
      order.emplace_back(ops[i].ret, return_node(i));
    }
    std::sort(order.begin(), order.end());
    std::size_t prev = head;
    for (const auto& [time, n] : order) link_after(prev, n), prev = n;
    nodes_[prev].next = end();
    nodes_[end()].prev = prev;
  }
  static constexpr std::size_t head = 0;
  std::size_t end() const { return nodes_.size() - 1; }
  std::size_t first() const { return nodes_[head].next; }
  std::size_t next(std::size_t n) const { return nodes_[n].next; }
  std::size_t op(std::size_t n) const { return nodes_[n].op; }
  static bool is_call(std::size_t n) { return n % 2 == 1; }
  static std::size_t call_node(std::size_t op) { return 2 * op + 1; }
  static std::size_t return_node(std::size_t op) { return 2 * op + 2; }

  void lift(std::size_t op) {
    unlink(call_node(op));
    unlink(return_node(op));
  }
  void unlift(std::size_t op) {  // the reverse of lift: dancing links restore in reverse order
    relink(return_node(op));
    relink(call_node(op));
  }

 private:
  struct link {
    std::size_t prev = 0, next = 0, op = 0;
  };
  void link_after(std::size_t prev, std::size_t n) {
    nodes_[prev].next = n;
    nodes_[n].prev = prev;
  }
  void unlink(std::size_t n) {
    nodes_[nodes_[n].prev].next = nodes_[n].next;
    nodes_[nodes_[n].next].prev = nodes_[n].prev;
  }
  void relink(std::size_t n) {
    nodes_[nodes_[n].prev].next = n;
    nodes_[nodes_[n].next].prev = n;
  }
  std::vector<link> nodes_;
};

}  // namespace detail

/// Whether `ops` is linearizable with respect to the sequential model that
/// starts as `initial`: `apply(model, i)` performs operation i on the model
/// and returns whether the model's result equals the one recorded for i.
template <class Model, class Apply>
verdict check_linearizable(std::span<const interval> ops, const Model& initial, Apply&& apply,
                           search_options opts = {}) {
  verdict v;
  detail::event_list events(ops);
  detail::memo<Model> seen;
  detail::op_set done(ops.size());
  struct frame {
    std::size_t op;
    Model before;
  };
  std::vector<frame> stack;
  Model state = initial;
  bool have_stuck = false;
  std::size_t entry = events.first();
  while (events.first() != events.end()) {
    const std::size_t op = events.op(entry);
    if (detail::event_list::is_call(entry)) {
      Model next = state;
      ++v.states;
      if (apply(next, op)) {
        done.flip(op);
        if (!opts.memoise || seen.insert(done, next)) {
          stack.push_back({op, std::move(state)});
          state = std::move(next);
          events.lift(op);
          entry = events.first();
          continue;
        }
        done.flip(op);
      }
      entry = events.next(entry);
      continue;
    }
    // A return: its operation had to be linearized by now and was not.
    if (!have_stuck || stack.size() > v.longest_prefix.size()) {
      have_stuck = true;
      v.stuck = op;
      v.longest_prefix.clear();
      for (const frame& f : stack) v.longest_prefix.push_back(f.op);
    }
    if (stack.empty()) {
      v.linearizable = false;
      return v;
    }
    frame top = std::move(stack.back());
    stack.pop_back();
    state = std::move(top.before);
    done.flip(top.op);
    events.unlift(top.op);
    entry = events.next(detail::event_list::call_node(top.op));
  }
  v.longest_prefix.clear();
  return v;
}

/// check_linearizable per partition: `key(i)` names the part operation i
/// touches; each part is checked alone from `initial` (P-compositionality:
/// the history is linearizable iff every part is). The first part that is not
/// linearizable gives the verdict, with indices into `ops`.
template <class Model, class Apply, class Key>
verdict check_partitioned(std::span<const interval> ops, const Model& initial, Apply&& apply, Key&& key,
                          search_options opts = {}) {
  std::map<std::uint64_t, std::vector<std::size_t>> parts;
  for (std::size_t i = 0; i < ops.size(); ++i) parts[key(i)].push_back(i);
  verdict total;
  std::vector<interval> sub;
  for (const auto& part : parts) {
    const std::vector<std::size_t>& members = part.second;  // a named reference: clang 14 cannot capture a binding
    sub.clear();
    for (std::size_t i : members) sub.push_back(ops[i]);
    verdict v = check_linearizable(std::span<const interval>(sub), initial,
                                   [&](Model& m, std::size_t j) { return apply(m, members[j]); }, opts);
    total.states += v.states;
    if (!v.linearizable) {
      total.linearizable = false;
      total.stuck = members[v.stuck];
      for (std::size_t j : v.longest_prefix) total.longest_prefix.push_back(members[j]);
      return total;
    }
  }
  return total;
}

}  // namespace weft::lincheck
