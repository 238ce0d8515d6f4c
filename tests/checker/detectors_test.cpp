// Every detector: the bug is found with the right kind and a schedule that
// replays it, and the correct variant passes a large budget. What belongs to
// one primitive (its misuse, its ordering, its timed waits) is tested in that
// primitive's file under primitives/.
#include <gtest/gtest.h>

#include <mutex>

#include "../support/classic_programs.hpp"
#include "../support/weft_expect.hpp"
#include "weft/weft.hpp"

namespace {

using weft::testing::budget;
using weft::testing::expect_clean;
using weft::testing::expect_found;

// --- assertion ---------------------------------------------------------------
void lost_update_on_atomics() {
  weft::atomic<int> count{0};
  auto inc = [&] { count.store(count.load() + 1); };
  weft::thread a(inc), b(inc);
  a.join();
  b.join();
  WEFT_ASSERT(count.load() == 2, "lost update");
}
void fetch_add_counter() {
  weft::atomic<int> count{0};
  auto inc = [&] { count.fetch_add(1); };
  weft::thread a(inc), b(inc);
  a.join();
  b.join();
  WEFT_ASSERT(count.load() == 2);
}
TEST(Assertion, LostUpdateFoundAndReplayed) { expect_found(lost_update_on_atomics, weft::finding_kind::assertion); }
TEST(Assertion, AtomicIncrementIsClean) { expect_clean(fetch_add_counter); }

// --- data race -----------------------------------------------------------------
void racy_var() {
  weft::var<int> x{0};
  weft::thread a([&] { x.store(x.load() + 1); });
  weft::thread b([&] { x.store(x.load() + 1); });
  a.join();
  b.join();
}
void locked_var() {
  weft::var<int> x{0};
  weft::mutex m;
  auto inc = [&] {
    std::lock_guard g(m);
    x.store(x.load() + 1);
  };
  weft::thread a(inc), b(inc);
  a.join();
  b.join();
  WEFT_ASSERT(x.load() == 2);
}
TEST(DataRace, UnsynchronisedVarIsARace) { expect_found(racy_var, weft::finding_kind::data_race); }
TEST(DataRace, MutexOrdersAccesses) { expect_clean(locked_var); }
TEST(DataRace, JoinOrdersAccesses) {
  expect_clean([] {
    weft::var<int> x{0};
    weft::thread a([&] { x.store(1); });
    a.join();
    WEFT_ASSERT(x.load() == 1);
  });
}

// --- deadlock and lock-order inversion ----------------------------------------------
using weft::testing::ab_ba;
void ordered_locks() {
  weft::mutex a, b;
  auto both = [&] {
    std::lock_guard la(a);
    std::lock_guard lb(b);
  };
  weft::thread t1(both), t2(both);
  t1.join();
  t2.join();
}
TEST(Deadlock, AbBaDeadlockFoundWithItsCycle) {
  weft::options o = budget(5000, weft::strategy_kind::random);
  o.detect.disable(weft::finding_kind::lock_order_inversion);
  const weft::result r = weft::check(ab_ba, o);
  ASSERT_EQ(r.findings.size(), 1u);
  const weft::finding& f = r.findings[0];
  EXPECT_EQ(f.kind, weft::finding_kind::deadlock) << f.message;
  EXPECT_NE(f.message.find("thread 1"), std::string::npos) << f.message;
  EXPECT_NE(f.message.find("thread 2"), std::string::npos) << f.message;
  ASSERT_GE(f.details.size(), 3u);
  EXPECT_NE(f.details[1].find("held by thread"), std::string::npos) << f.details[1];
  expect_found(ab_ba, weft::finding_kind::deadlock, o);
}
TEST(LockOrder, InversionReportedWithoutADeadlockingSchedule) {
  // DFS with no preemptions never interleaves the two threads inside their
  // critical sections, so no explored schedule deadlocks: only the
  // lock-order graph, accumulated over executions, sees the AB/BA pattern.
  weft::options o = budget(1000, weft::strategy_kind::dfs);
  o.preemption_bound = 0;
  expect_found(ab_ba, weft::finding_kind::lock_order_inversion, o);
}
TEST(LockOrder, EdgesNameTheirExecutionCountedFromOneAsTheConsoleDoes) {
  // Both orders in the first execution (DFS's first schedule runs thread 1,
  // then thread 2): its edges say "(execution 1)", the number the console
  // gives the execution a finding came from, not the index 0.
  weft::options o = budget(1000, weft::strategy_kind::dfs);
  o.preemption_bound = 0;
  const weft::result r = weft::check(ab_ba, o);
  ASSERT_FALSE(r.findings.empty());
  const weft::finding& f = r.findings[0];
  ASSERT_EQ(f.kind, weft::finding_kind::lock_order_inversion) << f.message;
  bool first = false;
  for (const std::string& d : f.details) {
    EXPECT_EQ(d.find("(execution 0)"), std::string::npos) << d;
    first = first || d.find("(execution 1)") != std::string::npos;
  }
  EXPECT_TRUE(first) << f.message;
}
TEST(LockOrder, ConsistentOrderIsClean) { expect_clean(ordered_locks); }
TEST(Deadlock, ExhaustiveDfsOnOrderedLocks) {
  weft::options o = budget(100000, weft::strategy_kind::dfs);
  o.preemption_bound = 10;
  const weft::result r = weft::check(ordered_locks, o);
  EXPECT_TRUE(r.ok());
  EXPECT_TRUE(r.stats.exhausted);
}

// --- lost wakeup ---------------------------------------------------------------------
void handoff(bool check_flag_first) {
  weft::mutex m;
  weft::condition_variable cv;
  weft::var<bool> ready{false};
  weft::thread waiter([&] {
    std::unique_lock lk(m);
    if (check_flag_first) {
      while (!ready.load()) cv.wait(lk);
    } else {
      cv.wait(lk);  // BUG: waits without checking the condition: misses an early notify
    }
  });
  weft::thread signaller([&] {
    {
      std::lock_guard lk(m);
      ready.store(true);
    }
    cv.notify_one();
  });
  waiter.join();
  signaller.join();
}
TEST(LostWakeup, WaitWithoutPredicateMissesTheSignal) {
  expect_found([] { handoff(false); }, weft::finding_kind::lost_wakeup);
}
TEST(LostWakeup, PredicateLoopIsClean) { expect_clean([] { handoff(true); }); }
// --- livelock --------------------------------------------------------------------------
TEST(Livelock, SpinThatNeverEndsHitsTheStepBound) {
  weft::options o = budget(10);
  o.max_steps = 500;
  const weft::result r = weft::check([] {
    weft::atomic<bool> flag{false};
    weft::thread t([&] {
      while (!flag.load()) weft::this_thread::yield();
    });
    t.join();
  }, o);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].kind, weft::finding_kind::livelock);
  EXPECT_GT(r.findings[0].details.size(), 2u) << "the message shows the repeating steps";
}

// --- scale ---------------------------------------------------------------------------------------
TEST(Runtime, TwoHundredThreads) {
  const weft::result r = weft::check([] {
    weft::atomic<int> n{0};
    std::vector<weft::thread> ts;
    for (int i = 0; i < 200; ++i) ts.emplace_back([&] { n.fetch_add(1); });
    for (auto& t : ts) t.join();
    WEFT_ASSERT(n.load() == 200);
  }, budget(20));
  EXPECT_TRUE(r.ok());
  EXPECT_EQ(r.stats.max_threads, 201u);
}

// --- logical time --------------------------------------------------------------------------------
TEST(LogicalTime, SleepCostsNoWallTime) {
  const auto start = std::chrono::steady_clock::now();
  const weft::result r = weft::check([] {
    const auto t0 = weft::now();
    weft::this_thread::sleep_for(std::chrono::hours(1));
    WEFT_ASSERT(weft::now() - t0 >= std::chrono::hours(1));
  }, budget(100));
  EXPECT_TRUE(r.ok());
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}
}  // namespace

namespace {
// --- crash: a stack overflow in code under test ------------------------------------
int recurse(int depth) {
  volatile char frame[512];
  frame[0] = static_cast<char>(depth);
  return depth == 0 ? frame[0] : recurse(depth - 1) + frame[0];
}
TEST(Crash, StackOverflowIsAFindingNotACorruption) {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
  GTEST_SKIP() << "the sanitizers handle SIGSEGV themselves";
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
  GTEST_SKIP() << "the sanitizers handle SIGSEGV themselves";
#endif
#endif
  weft::options o;
  o.iterations = 10;
  o.stack_size = 64 * 1024;
  const weft::result r = weft::check([] {
    weft::thread t([] { (void)recurse(1'000'000); });
    t.join();
  }, o);
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].kind, weft::finding_kind::crash);
  EXPECT_NE(r.findings[0].message.find("stack overflow in thread 1"), std::string::npos) << r.findings[0].message;
  // And the process goes on: a later run is unaffected.
  EXPECT_TRUE(weft::check([] {}, o).ok());
}
}  // namespace
