// Tests of the rwlock family: the models on real threads (std_sync), the
// RapidCheck generator, and the registrations.
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include "weft/assert.hpp"
#include "weft/registry.hpp"
#include "weft/scenarios/builtin.hpp"
#include "weft/scenario_shape.hpp"
#include "weft/scenarios/rwlock.hpp"
#include "weft/scenarios/rwlock_gen.hpp"
#include "weft/std_sync.hpp"
#include "zoo_check.hpp"

namespace ws = weft::scenarios;
using weft::std_sync;

namespace {

template <template <class> class S>
void run_clean(const ws::rwlock_params& p, int times) {
  weft::detail::take_outside_failures();
  for (int i = 0; i < times; ++i) weft::run_scenario_once<std_sync, S>(p);
  EXPECT_TRUE(weft::detail::take_outside_failures().empty());
}

}  // namespace

TEST(RwlockRealThreads, CorrectLocksKeepTheirInvariantsOnTheSeedWorkload) {
  run_clean<ws::rwlock_reader_preferring>({}, 5);
  run_clean<ws::rwlock_writer_preferring>({}, 5);
  run_clean<ws::rwlock_std_shared_mutex>({}, 5);
}

TEST(RwlockRealThreads, CorrectLocksOnGeneratedParameters) {
  const bool ok = rc::check("correct rwlocks are clean", [] {
    const auto p = *ws::gen_rwlock_params();
    RC_ASSERT(p.readers >= 1 && p.writers >= 1 && p.keys >= 1);
    weft::detail::take_outside_failures();
    weft::run_scenario_once<std_sync, ws::rwlock_reader_preferring>(p);
    weft::run_scenario_once<std_sync, ws::rwlock_writer_preferring>(p);
    weft::run_scenario_once<std_sync, ws::rwlock_std_shared_mutex>(p);
    RC_ASSERT(weft::detail::take_outside_failures().empty());
  });
  EXPECT_TRUE(ok);
}

TEST(RwlockRealThreads, CacheWithOneReaderCountsEverything) {
  // One reader thread: the statistics race needs two readers at once.
  run_clean<ws::rwlock_cache_stats_under_read_lock>({.readers = 1, .writers = 2, .reads = 50, .writes = 20, .keys = 10}, 3);
}

TEST(RwlockRegistry, EveryRowIsRegisteredWithItsVerdict) {
  weft::register_builtin_scenarios();
  const auto& reg = weft::registry::instance();
  EXPECT_EQ(reg.match({"rwlock"}).size(), 5u);
  for (const char* clean : {"rwlock/reader_preferring", "rwlock/writer_preferring", "rwlock/std_shared_mutex"}) {
    const auto* s = reg.find(clean);
    ASSERT_NE(s, nullptr) << clean;
    EXPECT_TRUE(s->expected_clean()) << clean;
  }
  for (const char* buggy : {"rwlock/seed_two_conditions", "rwlock/cache_stats_under_read_lock"}) {
    const auto* s = reg.find(buggy);
    ASSERT_NE(s, nullptr) << buggy;
    EXPECT_FALSE(s->expected_clean()) << buggy;
  }
  EXPECT_EQ(reg.find("rwlock/seed_two_conditions")->stress, nullptr);
}

TEST(RwlockRegistry, StressBodiesOfTheCorrectRowsAreClean) {
  // The registered real-thread runs (noisy_std_sync, the tutorial's parameters).
  weft::register_builtin_scenarios();
  weft::detail::take_outside_failures();
  for (const char* name : {"rwlock/reader_preferring", "rwlock/writer_preferring", "rwlock/std_shared_mutex"}) {
    const auto* s = weft::registry::instance().find(name);
    ASSERT_NE(s, nullptr) << name;
    ASSERT_TRUE(s->stress) << name;
    s->stress();
  }
  EXPECT_TRUE(weft::detail::take_outside_failures().empty());
}

// ---- Verdicts under the controlled scheduler --------------------------------

using weft::strategy_kind;

TEST(RwlockChecked, CorrectLocksAreCleanUnderEveryStrategy) {
  for (const char* name : {"rwlock/reader_preferring", "rwlock/writer_preferring", "rwlock/std_shared_mutex"}) {
    zoo::expect_clean(name, zoo::opts(strategy_kind::random, 20'000));
    zoo::expect_clean(name, zoo::opts(strategy_kind::pct, 20'000));
    zoo::expect_clean(name, zoo::opts(strategy_kind::dfs, 20'000));
  }
}

TEST(RwlockChecked, SeedLockRacesOnItsCounts) {
  // The counts are shared under two different locks: a race in the first execution.
  zoo::expect_found("rwlock/seed_two_conditions", zoo::opts(strategy_kind::random, 100));
  zoo::expect_found("rwlock/seed_two_conditions", zoo::opts(strategy_kind::pct, 100));
  zoo::expect_found("rwlock/seed_two_conditions", zoo::opts(strategy_kind::dfs, 100));
}

TEST(RwlockChecked, SeedLockLosesTheWritersWakeup) {
  // With races off: the last reader leaving notifies only the readers' condition.
  for (auto k : {strategy_kind::random, strategy_kind::pct, strategy_kind::dfs}) {
    const auto r = weft::check(zoo::scenario("rwlock/seed_two_conditions").checked, zoo::without_races(zoo::opts(k, 1'000)));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.findings[0].kind, weft::finding_kind::lost_wakeup) << zoo::describe(r);
  }
}

TEST(RwlockChecked, CacheStatisticsRaceUnderTheReadLock) {
  zoo::expect_found("rwlock/cache_stats_under_read_lock", zoo::opts(strategy_kind::random, 1'000));
  zoo::expect_found("rwlock/cache_stats_under_read_lock", zoo::opts(strategy_kind::pct, 1'000));
}
