// weft exec's per-byte race-detection states (checker/src/instrument/
// byte_shadow.hpp): a byte's state is made on its first use and stays put,
// find() and for_each() see exactly the bytes that have one, forgetting a
// range makes its bytes start clean (and gives back pages left empty), and
// a shadow moved into another (a new execution's tables) keeps working.
#include "instrument/byte_shadow.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <utility>
#include <vector>

namespace {

using weft::detail::var_state;
using weft::detail::instrument::byte_shadow;

constexpr std::uintptr_t shadow_page = byte_shadow::page_bytes;
constexpr std::uintptr_t origin = 0x10000;  // a page boundary

/// The shadow's state of `address`, counting the births in `births`.
var_state& at(byte_shadow& s, std::uintptr_t address, int& births) {
  return s.at(address, [&births, address](var_state& v) {
    ++births;
    v.key = address;
  });
}

std::vector<std::uintptr_t> listed(byte_shadow& s, std::uintptr_t lo, std::uintptr_t hi) {
  std::vector<std::uintptr_t> out;
  s.for_each(lo, hi, [&](std::uintptr_t address, var_state& v) {
    EXPECT_EQ(v.key, address);
    out.push_back(address);
  });
  return out;
}

TEST(ByteShadow, AStateIsMadeOnFirstUseAndStaysPut) {
  byte_shadow s;
  int births = 0;
  var_state& first = at(s, origin + 3, births);
  EXPECT_EQ(births, 1);
  first.write_clock = 7;
  for (std::uintptr_t a = origin; a < origin + 10 * shadow_page; ++a) at(s, a, births);  // other pages in between
  EXPECT_EQ(births, static_cast<int>(10 * shadow_page));
  EXPECT_EQ(&at(s, origin + 3, births), &first);
  EXPECT_EQ(first.write_clock, 7u);
  EXPECT_EQ(births, static_cast<int>(10 * shadow_page));
  EXPECT_EQ(s.pages(), 10u);
}

TEST(ByteShadow, FindSeesOnlyBytesWithAState) {
  byte_shadow s;
  int births = 0;
  var_state& v = at(s, origin + shadow_page + 1, births);
  EXPECT_EQ(s.find(origin + shadow_page + 1), &v);
  EXPECT_EQ(s.find(origin + shadow_page), nullptr);      // same shadow_page, never used
  EXPECT_EQ(s.find(origin + 5 * shadow_page), nullptr);  // no shadow_page
  at(s, origin, births);                                 // another shadow_page cached now
  EXPECT_EQ(s.find(origin + shadow_page + 1), &v);
}

TEST(ByteShadow, ForEachListsTheBytesInRangeInOrder) {
  byte_shadow s;
  int births = 0;
  for (std::uintptr_t a :
       {origin + 3 * shadow_page + 63, origin + 1, origin + shadow_page, origin + 2, origin + 7 * shadow_page})
    at(s, a, births);
  EXPECT_EQ(listed(s, 0, ~std::uintptr_t{0}),
            (std::vector<std::uintptr_t>{origin + 1, origin + 2, origin + shadow_page, origin + 3 * shadow_page + 63,
                                         origin + 7 * shadow_page}));
  EXPECT_EQ(listed(s, origin + 2, origin + 3 * shadow_page + 63),
            (std::vector<std::uintptr_t>{origin + 2, origin + shadow_page}));
  EXPECT_EQ(listed(s, origin + 3 * shadow_page + 63, origin + 3 * shadow_page + 64),
            (std::vector<std::uintptr_t>{origin + 3 * shadow_page + 63}));
  EXPECT_TRUE(listed(s, origin + 3, origin + shadow_page).empty());
  EXPECT_TRUE(listed(s, origin + 5, origin + 5).empty());
}

TEST(ByteShadow, ForgottenBytesStartCleanAndEmptyPagesGoBack) {
  byte_shadow s;
  int births = 0;
  for (std::uintptr_t a = origin; a < origin + 4 * shadow_page; ++a) at(s, a, births).write_clock = 9;
  EXPECT_EQ(s.pages(), 4u);
  s.forget(origin + shadow_page / 2,
           origin + 3 * shadow_page + 1);  // half of one shadow_page, two whole, one byte of the last
  EXPECT_EQ(s.pages(), 2u);
  EXPECT_EQ(listed(s, origin, origin + 4 * shadow_page).size(), shadow_page / 2 + shadow_page - 1);
  EXPECT_NE(s.find(origin + shadow_page / 2 - 1), nullptr);
  EXPECT_EQ(s.find(origin + shadow_page / 2), nullptr);
  EXPECT_EQ(s.find(origin + 3 * shadow_page), nullptr);
  EXPECT_NE(s.find(origin + 3 * shadow_page + 1), nullptr);
  births = 0;
  EXPECT_EQ(at(s, origin + 2 * shadow_page, births).write_clock, 0u);  // born again, clean
  EXPECT_EQ(births, 1);
  EXPECT_EQ(at(s, origin + 3 * shadow_page + 1, births).write_clock, 9u);  // kept
  EXPECT_EQ(births, 1);
}

TEST(ByteShadow, ForgettingTheCachedPageForgetsTheCache) {
  byte_shadow s;
  int births = 0;
  at(s, origin + 5, births).write_clock = 3;  // its shadow_page is the cached one
  s.forget(origin, origin + shadow_page);
  EXPECT_EQ(s.pages(), 0u);
  EXPECT_EQ(s.find(origin + 5), nullptr);
  EXPECT_EQ(at(s, origin + 5, births).write_clock, 0u);
  EXPECT_EQ(births, 2);
  EXPECT_EQ(s.pages(), 1u);
}

TEST(ByteShadow, AHugeForgottenRangeWalksOnlyItsPages) {
  byte_shadow s;
  int births = 0;
  at(s, origin, births);
  at(s, origin + (std::uintptr_t{1} << 40), births);
  s.forget(origin, origin + (std::uintptr_t{1} << 40) + 1);  // 2^34 shadow_page numbers: quick only when it walks pages
  EXPECT_EQ(s.pages(), 0u);
}

TEST(ByteShadow, ManyPagesSpanChunksAndGivenBackPagesAreReused) {
  byte_shadow s;
  int births = 0;
  constexpr std::uintptr_t n = 2000;  // several chunks' worth
  for (std::uintptr_t k = 0; k < n; ++k) {
    var_state& v = at(s, origin + 3 * k * shadow_page + k % shadow_page, births);
    v.reads.set(9, 1);  // a clock of ten threads: on the heap, freed with its state
  }
  EXPECT_EQ(s.pages(), n);
  s.forget(origin, origin + 3 * (n / 2) * shadow_page);
  EXPECT_EQ(s.pages(), n - n / 2);
  for (std::uintptr_t k = 0; k < n / 2; ++k)
    EXPECT_EQ(at(s, origin + 3 * k * shadow_page + 1, births).reads.get(9), 0u);
  EXPECT_EQ(s.pages(), n);
  for (std::uintptr_t k = n / 2; k < n; ++k) {
    EXPECT_EQ(s.find(origin + 3 * k * shadow_page + k % shadow_page)->reads.get(9), 1u);
  }
}

TEST(ByteShadow, AMovedShadowKeepsItsStatesAndTheOldOneIsEmpty) {
  byte_shadow s;
  int births = 0;
  var_state& v = at(s, origin + 1, births);
  v.write_clock = 4;
  byte_shadow t;
  t = std::move(s);
  EXPECT_EQ(t.find(origin + 1), &v);
  EXPECT_EQ(&at(t, origin + 1, births), &v);
  EXPECT_EQ(births, 1);
  EXPECT_EQ(s.find(origin + 1), nullptr);  // NOLINT(bugprone-use-after-move): moved-from is empty
  s = byte_shadow{};
  EXPECT_EQ(at(s, origin + 1, births).write_clock, 0u);
  EXPECT_EQ(births, 2);
}

}  // namespace
