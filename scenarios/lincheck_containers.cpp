// The lincheck family's containers: queues, stacks and sets
// (weft/models/classic_objects.hpp), correct and buggy (scenarios/lincheck.cpp).
#include <deque>
#include <optional>
#include <set>
#include <vector>

#include "lincheck_family.hpp"
#include "weft/models/classic_objects.hpp"

namespace weft::scenarios {
namespace lincheck_family {
namespace {

std::optional<int> take_back(std::vector<int>& v) {
  if (v.empty()) return std::nullopt;
  const int top = v.back();
  v.pop_back();
  return top;
}

template <class Queue>
spec<Queue, std::deque<int>> queue_spec() {
  return spec<Queue, std::deque<int>>{}
      .op("push", rc::gen::inRange(0, 5), [](Queue& q, const int& v) { q.push(v); },
          [](std::deque<int>& m, const int& v) { m.push_back(v); })
      .op("pop", [](Queue& q) { return q.pop(); }, [](std::deque<int>& m) { return take_front(m); })
      .op("size", [](Queue& q) { return q.size(); }, [](std::deque<int>& m) { return long(m.size()); });
}

template <class Stack>
spec<Stack, std::vector<int>> stack_spec() {
  return spec<Stack, std::vector<int>>{}
      .op("push", rc::gen::inRange(0, 5), [](Stack& s, const int& v) { s.push(v); },
          [](std::vector<int>& m, const int& v) { m.push_back(v); })
      .op("pop", [](Stack& s) { return s.pop(); }, take_back);
}

template <class Set>
spec<Set, std::set<int>> set_spec() {
  return spec<Set, std::set<int>>{}
      .op("add", rc::gen::inRange(0, 3), [](Set& s, const int& v) { return s.add(v); },
          [](std::set<int>& m, const int& v) { return m.insert(v).second; })
      .op("contains", rc::gen::inRange(0, 3), [](Set& s, const int& v) { return s.contains(v); },
          [](std::set<int>& m, const int& v) { return m.count(v) == 1; })
      .op("remove", rc::gen::inRange(0, 3), [](Set& s, const int& v) { return s.remove(v); },
          [](std::set<int>& m, const int& v) { return m.erase(v) == 1; });
}

}  // namespace

void register_containers() {
  using namespace weft::models;
  using S = weft::checked_sync;
  add("lincheck/queue_size_locked", "a locked queue whose size() reads both counters under the lock", {},
      queue_spec<counted_queue<S, true>>());
  add("lincheck/queue_size_split", "size() reads the push and pop counters one after the other",
      {kind::linearizability}, queue_spec<counted_queue<S, false>>());
  add("lincheck/stack_treiber", "Treiber stack: push and pop by compare-exchange", {},
      stack_spec<treiber_stack<S, true>>());
  add("lincheck/stack_pop_split", "pop reads top and next, then stores next: not one atomic step",
      {kind::linearizability}, stack_spec<treiber_stack<S, false>>());
  add("lincheck/set_locked", "add checks and inserts under one lock", {}, set_spec<locked_set<S, true>>());
  add("lincheck/set_check_then_add", "add checks under the lock, then inserts under it again",
      {kind::linearizability}, set_spec<locked_set<S, false>>());
}

}  // namespace lincheck_family
}  // namespace weft::scenarios
