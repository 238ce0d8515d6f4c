// Tests of weft::stress in every build: the watchdog, assertion and exception
// findings from real threads, crashes, and clean runs of correct scenarios.
#include "weft/stress.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <string>

#include "weft/assert.hpp"
#include "weft/noisy_std_sync.hpp"
#include "weft/registry.hpp"
#include "weft/scenarios/builtin.hpp"
#include "../support/weft_expect.hpp"

#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define WEFT_TEST_TSAN 1
#endif
#endif
#if defined(__SANITIZE_THREAD__) && !defined(WEFT_TEST_TSAN)
#define WEFT_TEST_TSAN 1
#endif

namespace {

using weft::finding_kind;
using Sync = weft::noisy_std_sync;

/// Registers a test-only scenario once and returns it.
const weft::scenario& test_scenario(const std::string& name, std::function<void()> body) {
  auto& reg = weft::registry::instance();
  if (const auto* s = reg.find(name)) return *s;
  weft::scenario s;
  s.name = name;
  s.summary = "test-only scenario of tests/stress";
  s.stress = std::move(body);
  reg.add(std::move(s));
  return *reg.find(name);
}

/// A thread waits for a notification nobody sends: a hang on real threads.
void lost_wakeup_hang() {
  Sync::mutex m;
  Sync::condition_variable cv;
  bool ready = false;
  Sync::thread waiter([&] {
    std::unique_lock lock(m);
    cv.wait(lock, [&] { return ready; });
  });
  waiter.join();
}

/// Two threads each increment under a lock; correct.
void locked_pair() {
  Sync::mutex m;
  Sync::var<long> n{0};
  auto body = [&] {
    for (int k = 0; k < 50; ++k) {
      std::lock_guard lock(m);
      n.store(n.load() + 1);
    }
  };
  Sync::thread a(body);
  Sync::thread b(body);
  a.join();
  b.join();
  WEFT_ASSERT(n.load() == 100, "lost update in locked_pair");
}

TEST(Stress, WatchdogTurnsAHangIntoStressTimeout) {
  const auto& s = test_scenario("stress_test/hang", lost_wakeup_hang);
  const auto start = std::chrono::steady_clock::now();
  const auto r = weft::stress(s, {.iterations = 5, .seed = 1, .timeout_seconds = 1.0});
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_EQ(r.findings.size(), 1u) << weft::testing::findings_text(r);
  EXPECT_EQ(r.findings[0].kind, finding_kind::stress_timeout);
  EXPECT_EQ(r.findings[0].iteration, 0u);
  EXPECT_EQ(r.stats.executions, 0u);
  EXPECT_LT(seconds, 4.0) << "the watchdog fired late";
  EXPECT_GE(seconds, 0.9) << "the watchdog fired early";
}

TEST(Stress, WatchdogTimesEachIterationNotTheWholeRun) {
  // 8 iterations of ~100 ms each outlast a 0.5 s timeout in total, not one by one.
  const auto& s = test_scenario("stress_test/slow", [] { Sync::this_thread::sleep_for(std::chrono::milliseconds(100)); });
  const auto r = weft::stress(s, {.iterations = 8, .seed = 1, .timeout_seconds = 0.5});
  EXPECT_TRUE(r.ok()) << weft::testing::findings_text(r);
  EXPECT_EQ(r.stats.executions, 8u);
}

TEST(Stress, AssertionOnRealThreadsIsAFinding) {
  const auto& s = test_scenario("stress_test/assertion", [] {
    Sync::thread t([] { WEFT_ASSERT(1 + 1 == 3, "arithmetic is broken"); });
    t.join();
  });
  const auto r = weft::stress(s, {.iterations = 10, .seed = 3, .timeout_seconds = 10});
  ASSERT_EQ(r.findings.size(), 1u) << weft::testing::findings_text(r);  // ten equal failures, reported once
  const auto& f = r.findings[0];
  EXPECT_EQ(f.kind, finding_kind::assertion);
  EXPECT_NE(f.message.find("arithmetic is broken"), std::string::npos) << f.message;
  ASSERT_FALSE(f.locations.empty());
  EXPECT_NE(f.locations[0].file.find("stress_test.cpp"), std::string::npos) << f.locations[0].file;
  EXPECT_EQ(f.iteration, 0u);
  EXPECT_EQ(r.stats.executions, 10u);
  ASSERT_FALSE(f.details.empty());
  EXPECT_NE(f.details.back().find("seen 10 times"), std::string::npos) << f.details.back();
}

TEST(Stress, CorrectScenarioIsClean) {
  const auto& s = test_scenario("stress_test/locked_pair", locked_pair);
  const auto r = weft::stress(s, {.iterations = 50, .seed = 1, .timeout_seconds = 10});
  EXPECT_TRUE(r.ok()) << weft::testing::findings_text(r);
  EXPECT_EQ(r.stats.executions, 50u);
}

TEST(Stress, BuiltinCorrectScenariosAreClean) {
  weft::register_builtin_scenarios();
  for (const char* name : {"counter/locked", "counter/atomic", "bank/transfer_ordered"}) {
    const auto* s = weft::registry::instance().find(name);
    ASSERT_NE(s, nullptr) << name;
    const auto r = weft::stress(*s, {.iterations = 20, .seed = 1, .timeout_seconds = 10});
    EXPECT_TRUE(r.ok()) << name << "\n" << weft::testing::findings_text(r);
    EXPECT_EQ(r.stats.executions, 20u) << name;
  }
}

#ifndef WEFT_TEST_TSAN
// Under ThreadSanitizer these end with TSan reports (tests/stress/stress_tsan_test.cpp).
TEST(Stress, BuiltinLostUpdatesFailTheirCheckOnRealThreads) {
  weft::register_builtin_scenarios();
  for (const char* name : {"counter/unsafe", "bank/transfer_unlocked", "counter/relaxed_load_store"}) {
    const auto* s = weft::registry::instance().find(name);
    ASSERT_NE(s, nullptr) << name;
    const auto r = weft::stress(*s, {.iterations = 50, .seed = 1, .timeout_seconds = 10});
    ASSERT_FALSE(r.findings.empty()) << name << ": the noise never reached the lost update";
    EXPECT_EQ(r.findings[0].kind, finding_kind::assertion) << name << "\n" << weft::testing::findings_text(r);
    EXPECT_TRUE(weft::verdict_as_expected(*s, r.findings)) << name << "\n" << weft::testing::findings_text(r);
  }
}
#endif

TEST(Stress, ExceptionInAThreadIsUncaughtException) {
  const auto& s = test_scenario("stress_test/throws", [] {
    Sync::thread t([] { throw std::runtime_error("boom in a thread"); });
    t.join();
  });
  const auto r = weft::stress(s, {.iterations = 3, .seed = 1, .timeout_seconds = 10});
  ASSERT_EQ(r.findings.size(), 1u) << weft::testing::findings_text(r);
  EXPECT_EQ(r.findings[0].kind, finding_kind::uncaught_exception);
  EXPECT_NE(r.findings[0].message.find("boom in a thread"), std::string::npos);
  EXPECT_EQ(r.stats.executions, 3u);
}

TEST(Stress, ExceptionFromTheBodyIsUncaughtException) {
  const auto& s = test_scenario("stress_test/body_throws", [] { throw std::logic_error("boom in the body"); });
  const auto r = weft::stress(s, {.iterations = 2, .seed = 1, .timeout_seconds = 10});
  ASSERT_EQ(r.findings.size(), 1u) << weft::testing::findings_text(r);
  EXPECT_EQ(r.findings[0].kind, finding_kind::uncaught_exception);
  EXPECT_NE(r.findings[0].message.find("boom in the body"), std::string::npos);
}

TEST(Stress, ChildKilledByASignalIsACrash) {
  const auto& s = test_scenario("stress_test/aborts", [] {
    std::fputs("about to abort\n", stderr);
    std::abort();
  });
  const auto r = weft::stress(s, {.iterations = 3, .seed = 1, .timeout_seconds = 10});
  ASSERT_EQ(r.findings.size(), 1u) << weft::testing::findings_text(r);
  const auto& f = r.findings[0];
  EXPECT_EQ(f.kind, finding_kind::crash);
  EXPECT_NE(f.message.find("SIGABRT"), std::string::npos) << f.message;
  EXPECT_NE(f.history.find("about to abort"), std::string::npos) << "history: " << f.history;
}

TEST(Stress, ScenarioWithoutStressBodyIsRejected) {
  weft::scenario s;
  s.name = "stress_test/no_body";
  EXPECT_THROW((void)weft::stress(s, {}), std::invalid_argument);
}

TEST(Stress, BuiltWithTsanMatchesThisBuild) {
#ifdef WEFT_TEST_TSAN
  EXPECT_TRUE(weft::built_with_tsan());
#else
  EXPECT_FALSE(weft::built_with_tsan());
#endif
}

}  // namespace
