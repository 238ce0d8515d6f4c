// Tests of weft::stress in the ThreadSanitizer build: TSan reports captured
// in-process come back as findings pointing at the models' source.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>

#include "weft/registry.hpp"
#include "weft/scenarios/builtin.hpp"
#include "weft/stress.hpp"
#include "../support/weft_expect.hpp"

namespace {

using weft::finding_kind;

const weft::scenario& builtin(const char* name) {
  weft::register_builtin_scenarios();
  const auto* s = weft::registry::instance().find(name);
  if (s == nullptr) throw std::runtime_error(std::string("no scenario ") + name);
  return *s;
}

/// The first finding of kind k, or null.
const weft::finding* first_of(const weft::result& r, finding_kind k) {
  for (const auto& f : r.findings)
    if (f.kind == k) return &f;
  return nullptr;
}

bool points_into(const weft::finding& f, const std::string& file_suffix) {
  for (const auto& l : f.locations) {
    if (l.file.size() >= file_suffix.size() &&
        l.file.compare(l.file.size() - file_suffix.size(), file_suffix.size(), file_suffix) == 0 && l.line > 0)
      return true;
  }
  return false;
}

void expect_race_in(const char* scenario, const std::string& model_header) {
  const auto r = weft::stress(builtin(scenario), {.iterations = 20, .seed = 1, .timeout_seconds = 10});
  const auto* race = first_of(r, finding_kind::tsan_data_race);
  ASSERT_NE(race, nullptr) << scenario << "\n" << weft::testing::findings_text(r);
  EXPECT_EQ(race->source, weft::finding_source::tsan);
  EXPECT_TRUE(points_into(*race, model_header)) << weft::testing::findings_text(r);
  EXPECT_NE(race->message.find("data-race"), std::string::npos) << race->message;
  EXPECT_FALSE(race->details.empty());
  EXPECT_NE(race->history.find("ThreadSanitizer"), std::string::npos) << "history: " << race->history;
}

TEST(StressTsan, BuiltWithTsan) { EXPECT_TRUE(weft::built_with_tsan()); }

TEST(StressTsan, UnsafeCounterIsADataRaceInTheModel) { expect_race_in("counter/unsafe", "models/counter.hpp"); }

TEST(StressTsan, UnlockedTransferIsADataRaceInTheModel) {
  expect_race_in("bank/transfer_unlocked", "models/bank.hpp");
}

TEST(StressTsan, UnorderedTransferIsALockOrderInversion) {
  // The AB/BA transfers may also really deadlock: the watchdog ends that
  // quickly. When both threads take their first lock before either has ever
  // held both, ThreadSanitizer has seen no lock order yet and the child
  // deadlocks without a report (CI saw it in iteration 0 under load); another
  // noise seed then runs the iterations again.
  weft::result r;
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    r = weft::stress(builtin("bank/transfer_unordered"), {.iterations = 20, .seed = seed, .timeout_seconds = 2});
    if (first_of(r, finding_kind::tsan_lock_order_inversion) != nullptr) break;
    ASSERT_NE(first_of(r, finding_kind::stress_timeout), nullptr)
        << "seed " << seed << ": 20 iterations ended without an inversion or a deadlock\n"
        << weft::testing::findings_text(r);
  }
  const auto* inversion = first_of(r, finding_kind::tsan_lock_order_inversion);
  ASSERT_NE(inversion, nullptr) << weft::testing::findings_text(r);
  EXPECT_TRUE(points_into(*inversion, "models/bank.hpp")) << weft::testing::findings_text(r);
  for (const auto& f : r.findings)
    EXPECT_TRUE(f.kind == finding_kind::tsan_lock_order_inversion || f.kind == finding_kind::stress_timeout)
        << weft::testing::findings_text(r);
}

// A lincheck spec runs on real threads too: the unsafe counter's
// read-then-write on a plain variable is ThreadSanitizer's data race there.
TEST(StressTsan, UnsafeCounterSpecIsADataRaceOnRealThreads) {
  expect_race_in("lincheck/counter_unsafe", "models/counter.hpp");
}

TEST(StressTsan, CorrectScenariosHaveNoReport) {
  for (const char* name : {"counter/locked", "counter/atomic", "bank/transfer_ordered"}) {
    const auto r = weft::stress(builtin(name), {.iterations = 20, .seed = 1, .timeout_seconds = 10});
    EXPECT_TRUE(r.ok()) << name << "\n" << weft::testing::findings_text(r);
    EXPECT_EQ(r.stats.executions, 20u) << name;
  }
}

}  // namespace
