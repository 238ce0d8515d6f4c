// weft::detail::vclock, the vector clock behind happens-before: four
// entries inline, more on the heap. Random sequences of set, tick, join,
// copy and clear over a few clocks, with thread ids on both sides of the
// inline capacity, are compared with plain vectors; then the cases a
// representation change is most likely to break, one by one.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cstdint>
#include <vector>

#include "weft/detail/vclock.hpp"

namespace {

using weft::detail::vclock;

/// The clock as the model sees it: entries up to size(), trailing zeros kept.
using model = std::vector<std::uint32_t>;

std::uint32_t model_get(const model& m, std::uint32_t t) { return t < m.size() ? m[t] : 0; }

void model_set(model& m, std::uint32_t t, std::uint32_t v) {
  if (m.size() <= t) m.resize(t + 1, 0);
  m[t] = v;
}

void model_join(model& m, const model& o) {
  if (m.size() < o.size()) m.resize(o.size(), 0);
  for (std::size_t i = 0; i < o.size(); ++i) m[i] = std::max(m[i], o[i]);
}

bool model_leq(const model& a, const model& b) {
  for (std::uint32_t i = 0; i < a.size(); ++i) {
    if (a[i] > model_get(b, i)) return false;
  }
  return true;
}

/// Inside the property: a mismatch fails it, and RapidCheck shrinks the sequence.
void require_same(const vclock& c, const model& m) {
  RC_ASSERT(c.size() == m.size());
  // Past size() too: a clock reads zero there, whatever it held before a clear.
  for (std::uint32_t t = 0; t < m.size() + 6; ++t) RC_ASSERT(c.get(t) == model_get(m, t));
}

RC_GTEST_PROP(Vclock, BehavesAsAVectorOfEntries, ()) {
  constexpr int clocks = 3;
  std::vector<vclock> c(clocks);
  std::vector<model> m(clocks);
  const int steps = *rc::gen::inRange(1, 120);
  for (int s = 0; s < steps; ++s) {
    const int a = *rc::gen::inRange(0, clocks);
    const int b = *rc::gen::inRange(0, clocks);
    // Mostly inline ids (0..3), sometimes ids that move the clock to the heap.
    const auto t = static_cast<std::uint32_t>(*rc::gen::weightedOneOf<int>(
        {{4, rc::gen::inRange(0, 4)}, {1, rc::gen::inRange(4, 40)}}));
    switch (*rc::gen::inRange(0, 6)) {
      case 0: {
        const auto v = *rc::gen::inRange<std::uint32_t>(0, 1000);
        c[a].set(t, v);
        model_set(m[a], t, v);
        break;
      }
      case 1:
        c[a].tick(t);
        model_set(m[a], t, model_get(m[a], t) + 1);
        break;
      case 2:
        c[a].join(c[b]);
        model_join(m[a], m[b]);
        break;
      case 3:
        c[a] = c[b];
        m[a] = m[b];
        break;
      case 4:
        c[a].clear();
        m[a].clear();
        break;
      default: {
        const vclock copy(c[b]);  // copy construction, from inline or heap
        c[a] = copy;
        m[a] = m[b];
        break;
      }
    }
    for (int i = 0; i < clocks; ++i) {
      require_same(c[i], m[i]);
      for (int j = 0; j < clocks; ++j) RC_ASSERT(c[i].leq(c[j]) == model_leq(m[i], m[j]));
    }
  }
}

TEST(Vclock, GrowsFromInlineToHeapKeepingEntries) {
  vclock c;
  for (std::uint32_t t = 0; t < 4; ++t) c.set(t, t + 10);
  c.set(9, 7);  // past the inline capacity
  EXPECT_EQ(c.size(), 10u);
  for (std::uint32_t t = 0; t < 4; ++t) EXPECT_EQ(c.get(t), t + 10);
  for (std::uint32_t t = 4; t < 9; ++t) EXPECT_EQ(c.get(t), 0u);
  EXPECT_EQ(c.get(9), 7u);
}

TEST(Vclock, ClearedHeapClockReadsZeroWhenGrownAgain) {
  vclock c;
  for (std::uint32_t t = 0; t < 12; ++t) c.set(t, 5);
  c.clear();
  c.set(2, 1);
  EXPECT_EQ(c.size(), 3u);
  EXPECT_EQ(c.get(0), 0u);
  EXPECT_EQ(c.get(2), 1u);
  c.set(11, 1);
  for (std::uint32_t t = 3; t < 11; ++t) EXPECT_EQ(c.get(t), 0u) << t;
}

TEST(Vclock, JoinsAcrossInlineAndHeap) {
  vclock small;
  small.set(0, 3);
  small.set(3, 8);
  vclock wide;
  wide.set(3, 2);
  wide.set(20, 4);
  small.join(wide);  // inline joins a heap clock: grows
  EXPECT_EQ(small.size(), 21u);
  EXPECT_EQ(small.get(0), 3u);
  EXPECT_EQ(small.get(3), 8u);
  EXPECT_EQ(small.get(20), 4u);
  vclock wide2;
  wide2.set(20, 1);
  vclock inl;
  inl.set(1, 9);
  wide2.join(inl);  // a heap clock joins an inline one
  EXPECT_EQ(wide2.get(1), 9u);
  EXPECT_EQ(wide2.get(20), 1u);
  wide2.join(wide2);  // with itself: unchanged
  EXPECT_EQ(wide2.get(1), 9u);
}

TEST(Vclock, CopiesAreIndependentInBothRepresentations) {
  vclock heap;
  heap.set(10, 1);
  vclock copy(heap);
  copy.tick(10);
  EXPECT_EQ(heap.get(10), 1u);
  EXPECT_EQ(copy.get(10), 2u);
  vclock inl;
  inl.set(1, 1);
  copy = inl;  // a heap clock takes an inline one's entries
  EXPECT_EQ(copy.size(), 2u);
  EXPECT_EQ(copy.get(10), 0u);
  EXPECT_EQ(copy.get(1), 1u);
  // In a vector that reallocates, every clock keeps its own entries.
  std::vector<vclock> many;
  for (std::uint32_t i = 0; i < 40; ++i) {
    many.emplace_back();
    many.back().set(i % 7, i);
  }
  for (std::uint32_t i = 0; i < 40; ++i) EXPECT_EQ(many[i].get(i % 7), i) << i;
}

}  // namespace
