// The linearizability search on hand-written histories: linearizable ones,
// classic non-linearizable ones (with the operation that cannot be placed and
// the longest prefix), P-compositional checking, and memoised search agreeing
// with plain Wing & Gong on random histories.
#include "weft/lincheck/search.hpp"

#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <deque>
#include <map>
#include <optional>

namespace {

using weft::lincheck::check_linearizable;
using weft::lincheck::check_partitioned;
using weft::lincheck::interval;

// A FIFO queue history: push(v) returns nothing, pop() returns the value or none.
struct queue_op {
  bool push;
  int value;                    // push: the argument; pop: the value returned (-1: empty)
  interval when;
};

bool apply_queue(std::deque<int>& q, const queue_op& op) {
  if (op.push) {
    q.push_back(op.value);
    return true;
  }
  const int got = q.empty() ? -1 : q.front();
  if (!q.empty()) q.pop_front();
  return got == op.value;
}

weft::lincheck::verdict check_queue(const std::vector<queue_op>& h, bool memoise = true) {
  std::vector<interval> ops;
  for (const auto& o : h) ops.push_back(o.when);
  return check_linearizable(std::span<const interval>(ops), std::deque<int>{},
                            [&](std::deque<int>& q, std::size_t i) { return apply_queue(q, h[i]); }, {memoise});
}

TEST(LincheckSearch, EmptyHistoryIsLinearizable) {
  EXPECT_TRUE(check_queue({}).linearizable);
}

TEST(LincheckSearch, SequentialCorrectQueueIsLinearizable) {
  EXPECT_TRUE(check_queue({{true, 1, {1, 2}}, {true, 2, {3, 4}}, {false, 1, {5, 6}}, {false, 2, {7, 8}}}).linearizable);
}

TEST(LincheckSearch, OverlappingPushesMayTakeEitherOrder) {
  // push(1) and push(2) overlap, so pop -> 2 then pop -> 1 is explained by push(2) first.
  EXPECT_TRUE(check_queue({{true, 1, {1, 4}}, {true, 2, {2, 3}}, {false, 2, {5, 6}}, {false, 1, {7, 8}}}).linearizable);
}

TEST(LincheckSearch, ReorderedValuesAreNotLinearizableAndTheStuckOperationIsNamed) {
  // push(1) ends before push(2) starts, yet pop returns 2.
  const auto v = check_queue({{true, 1, {1, 2}}, {true, 2, {3, 4}}, {false, 2, {5, 6}}});
  ASSERT_FALSE(v.linearizable);
  EXPECT_EQ(v.stuck, 2u);
  EXPECT_EQ(v.longest_prefix, (std::vector<std::size_t>{0, 1}));
}

TEST(LincheckSearch, PopOfEmptyQueueAfterCompletedPushIsNotLinearizable) {
  const auto v = check_queue({{true, 7, {1, 2}}, {false, -1, {3, 4}}});
  ASSERT_FALSE(v.linearizable);
  EXPECT_EQ(v.stuck, 1u);
}

TEST(LincheckSearch, PopOverlappingThePushMayReturnEmptyOrTheValue) {
  EXPECT_TRUE(check_queue({{true, 7, {1, 4}}, {false, -1, {2, 3}}}).linearizable);
  EXPECT_TRUE(check_queue({{true, 7, {1, 4}}, {false, 7, {2, 3}}}).linearizable);
}

TEST(LincheckSearch, ValueDequeuedTwiceIsNotLinearizable) {
  // Two concurrent pops both return the single pushed value.
  const auto v = check_queue({{true, 5, {1, 2}}, {false, 5, {3, 6}}, {false, 5, {4, 5}}});
  EXPECT_FALSE(v.linearizable);
}

// A register: write(v) and read() -> v. A read that sees the new value and a
// later read that sees the old one (new-old inversion) is the textbook case
// that is sequentially consistent but not linearizable.
struct register_op {
  bool write;
  int value;
  interval when;
};

weft::lincheck::verdict check_register(const std::vector<register_op>& h) {
  std::vector<interval> ops;
  for (const auto& o : h) ops.push_back(o.when);
  return check_linearizable(std::span<const interval>(ops), 0, [&](int& r, std::size_t i) {
    if (h[i].write) return r = h[i].value, true;
    return r == h[i].value;
  });
}

TEST(LincheckSearch, NewOldInversionIsNotLinearizable) {
  const auto v = check_register({{true, 1, {1, 10}}, {false, 1, {2, 3}}, {false, 0, {4, 5}}});
  ASSERT_FALSE(v.linearizable);
  EXPECT_EQ(v.stuck, 2u);  // the second read cannot come after the write the first read saw
  EXPECT_EQ(v.longest_prefix, (std::vector<std::size_t>{0, 1}));
}

TEST(LincheckSearch, OldThenNewDuringAWriteIsLinearizable) {
  EXPECT_TRUE(check_register({{true, 1, {1, 10}}, {false, 0, {2, 3}}, {false, 1, {4, 5}}}).linearizable);
}

TEST(LincheckSearch, AnOperationReturningBeforeItsCallIsRejected) {
  EXPECT_THROW(check_register({{true, 1, {5, 2}}}), std::invalid_argument);
}

// A keyed map: put(k, v), get(k) -> v (0: absent).
struct map_op {
  bool put;
  int key, value;
  interval when;
};

bool apply_map(std::map<int, int>& m, const map_op& op) {
  if (op.put) return m[op.key] = op.value, true;
  auto it = m.find(op.key);
  return (it == m.end() ? 0 : it->second) == op.value;
}

TEST(LincheckSearch, PartitionedCheckFindsTheBadKeyAndAgreesWithTheWholeSearch) {
  const std::vector<map_op> h{{true, 1, 10, {1, 2}},  {true, 2, 20, {3, 8}}, {false, 1, 10, {4, 5}},
                              {false, 2, 20, {6, 7}}, {true, 3, 30, {9, 10}}, {false, 3, 0, {11, 12}}};
  std::vector<interval> ops;
  for (const auto& o : h) ops.push_back(o.when);
  auto apply = [&](std::map<int, int>& m, std::size_t i) { return apply_map(m, h[i]); };
  const auto parts = check_partitioned(std::span<const interval>(ops), std::map<int, int>{}, apply,
                                       [&](std::size_t i) { return std::uint64_t(h[i].key); });
  ASSERT_FALSE(parts.linearizable);
  EXPECT_EQ(parts.stuck, 5u);  // get(3) -> absent after put(3, 30) completed
  EXPECT_EQ(parts.longest_prefix, (std::vector<std::size_t>{4}));
  EXPECT_FALSE(check_linearizable(std::span<const interval>(ops), std::map<int, int>{}, apply).linearizable);
}

TEST(LincheckSearch, PartitionedCheckPassesALinearizableMapHistory) {
  const std::vector<map_op> h{{true, 1, 10, {1, 4}}, {false, 1, 10, {2, 3}}, {true, 2, 20, {5, 6}},
                              {false, 2, 20, {7, 8}}};
  std::vector<interval> ops;
  for (const auto& o : h) ops.push_back(o.when);
  EXPECT_TRUE(check_partitioned(
                  std::span<const interval>(ops), std::map<int, int>{},
                  [&](std::map<int, int>& m, std::size_t i) { return apply_map(m, h[i]); },
                  [&](std::size_t i) { return std::uint64_t(h[i].key); })
                  .linearizable);
}

// Random queue histories: a sequential run whose intervals are then widened
// into overlaps is always linearizable; with results scrambled, memoised and
// plain search must agree, and memoisation never explores more states.
RC_GTEST_PROP(LincheckSearch, MemoisedSearchAgreesWithPlainWingGong, ()) {
  const auto n = *rc::gen::inRange<std::size_t>(0, 10);
  std::vector<queue_op> h;
  std::deque<int> q;
  for (std::size_t i = 0; i < n; ++i) {
    const bool push = *rc::gen::arbitrary<bool>();
    queue_op op{push, 0, {}};
    if (push) {
      op.value = *rc::gen::inRange(0, 4);
      q.push_back(op.value);
    } else {
      op.value = q.empty() ? -1 : q.front();
      if (!q.empty()) q.pop_front();
    }
    // Sequential point at 10*i; widen both ends by a random amount.
    op.when = {10 * i + 5 - *rc::gen::inRange<std::uint64_t>(0, 25) % (10 * i + 5),
               10 * i + 6 + *rc::gen::inRange<std::uint64_t>(0, 25)};
    op.when.call = op.when.call * 2;  // make times distinct: calls even, returns odd
    op.when.ret = op.when.ret * 2 + 1;
    h.push_back(op);
  }
  RC_ASSERT(check_queue(h).linearizable);
  const bool scramble = *rc::gen::arbitrary<bool>();
  if (scramble && !h.empty()) h[*rc::gen::inRange<std::size_t>(0, h.size())].value = *rc::gen::inRange(-1, 4);
  const auto memo = check_queue(h, true);
  const auto plain = check_queue(h, false);
  RC_ASSERT(memo.linearizable == plain.linearizable);
  RC_ASSERT(memo.states <= plain.states);
}

}  // namespace
