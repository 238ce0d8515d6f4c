#include <gtest/gtest.h>

#include "weft/assert.hpp"
#include "weft/checked_sync.hpp"
#include "weft/noisy_std_sync.hpp"
#include "weft/registry.hpp"
#include "weft/scenarios/builtin.hpp"
#include "weft/std_sync.hpp"

static_assert(weft::sync_policy<weft::std_sync>);
static_assert(weft::sync_policy<weft::noisy_std_sync>);
static_assert(weft::sync_policy<weft::checked_sync>);

TEST(Registry, BuiltinCounterAndBankFamiliesAreRegistered) {
  weft::register_builtin_scenarios();
  const auto& reg = weft::registry::instance();
  EXPECT_NE(reg.find("counter/unsafe"), nullptr);
  EXPECT_NE(reg.find("bank/transfer_unordered"), nullptr);
  EXPECT_EQ(reg.match({"counter"}).size(), 7u);
  EXPECT_EQ(reg.match({"bank"}).size(), 8u);
}

TEST(Registry, StdSyncRunsTheCorrectScenariosClean) {
  weft::register_builtin_scenarios();
  for (const auto* s : weft::registry::instance().match({"counter/locked", "counter/atomic", "bank/transfer_ordered"})) {
    ASSERT_TRUE(s->stress) << s->name;
    s->stress();
  }
  EXPECT_TRUE(weft::detail::take_outside_failures().empty());
}
