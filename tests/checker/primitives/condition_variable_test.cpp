// weft::condition_variable and weft::condition_variable_any: notify_one wakes
// one waiter and notify_all every one, timed waits run on logical time,
// spurious wakeups happen only when options.spurious_wakeups asks for them,
// and a waiter nobody wakes is a lost wakeup; each bug found, each correct
// use clean. (The classic wait-without-predicate lost wakeup is in
// ../detectors_test.cpp.)
#include <gtest/gtest.h>

#include <chrono>
#include <mutex>

#include "../../support/weft_expect.hpp"
#include "weft/weft.hpp"

namespace {

using weft::testing::budget;
using weft::testing::expect_clean;
using weft::testing::expect_clean_under_every_strategy;
using weft::testing::expect_found;
using weft::testing::expect_found_under_every_strategy;

enum class notify_by { one_each, one_once, all_once };

/// Two waiters each take a token under the predicate loop; the producer adds
/// two tokens and notifies as `how` says.
template <class ConditionVariable>
void two_waiters(notify_by how) {
  weft::mutex m;
  ConditionVariable cv;
  weft::var<int> tokens{0};
  auto take = [&] {
    std::unique_lock lk(m);
    cv.wait(lk, [&] { return tokens.load() > 0; });
    tokens.store(tokens.load() - 1);
  };
  weft::thread a(take), b(take);
  for (int i = 0; i < 2; ++i) {
    {
      std::lock_guard lk(m);
      tokens.store(tokens.load() + 1);
    }
    if (how == notify_by::one_each) cv.notify_one();
  }
  if (how == notify_by::one_once) cv.notify_one();
  if (how == notify_by::all_once) cv.notify_all();
  a.join();
  b.join();
}
TEST(ConditionVariable, NotifyOnePerTokenWakesEveryWaiter) {
  expect_clean([] { two_waiters<weft::condition_variable>(notify_by::one_each); }, budget(2000));
}
TEST(ConditionVariable, NotifyAllWakesEveryWaiter) {
  expect_clean([] { two_waiters<weft::condition_variable>(notify_by::all_once); }, budget(2000));
}
TEST(ConditionVariable, NotifyOneWakesOnlyOneWaiter) {
  expect_found([] { two_waiters<weft::condition_variable>(notify_by::one_once); }, weft::finding_kind::lost_wakeup);
}
TEST(ConditionVariableAny, NotifiesAsConditionVariableDoes) {
  expect_clean([] { two_waiters<weft::condition_variable_any>(notify_by::all_once); }, budget(2000));
  expect_found([] { two_waiters<weft::condition_variable_any>(notify_by::one_once); },
               weft::finding_kind::lost_wakeup);
}
TEST(ConditionVariableAny, WaitsOnAnyLockable) {
  expect_clean([] {
    weft::shared_mutex m;
    weft::condition_variable_any cv;
    weft::var<bool> ready{false};
    weft::thread t([&] {
      std::shared_lock lk(m);
      cv.wait(lk, [&] { return ready.load(); });
    });
    {
      std::unique_lock lk(m);
      ready.store(true);
    }
    cv.notify_all();
    t.join();
  }, budget(2000));
}

/// Sets `ready` under `m` and notifies one waiter, as people write it: the
/// notifier's first step is the lock the waiter needs back, so a waiter that
/// times out or wakes spuriously must be able to re-take it first.
void set_and_notify(weft::mutex& m, weft::condition_variable& cv, weft::var<bool>& ready) {
  {
    std::lock_guard lk(m);
    ready.store(true);
  }
  cv.notify_one();
}

/// Each of these runs under every strategy: a bug one strategy cannot see
/// is a blind spot of the scheduler, not of the strategy.
constexpr std::uint64_t per_strategy = 2000;

// --- timed waits on logical time -------------------------------------------------------
TEST(ConditionVariable, TimedWaitTimesOutInLogicalTime) {
  const auto start = std::chrono::steady_clock::now();
  expect_clean([] {
    weft::mutex m;
    weft::condition_variable cv;
    std::unique_lock lk(m);
    const auto t0 = weft::now();
    const bool got = cv.wait_for(lk, std::chrono::seconds(1), [] { return false; });
    WEFT_ASSERT(!got);
    WEFT_ASSERT(weft::now() - t0 >= std::chrono::seconds(1), "the timeout took its logical second");
    WEFT_ASSERT(cv.wait_for(lk, std::chrono::hours(1)) == std::cv_status::timeout);
  }, budget(50));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}
/// A waiter waits for `ready` at most an hour; the notifier sets it.
void timed_handoff(bool assume_no_timeout) {
  weft::mutex m;
  weft::condition_variable cv;
  weft::var<bool> ready{false};
  weft::thread waiter([&] {
    std::unique_lock lk(m);
    const bool got = cv.wait_for(lk, std::chrono::hours(1), [&] { return ready.load(); });
    if (assume_no_timeout) WEFT_ASSERT(got, "timed out before the notify");
    WEFT_ASSERT(got == ready.load(), "the predicate's value is returned");
  });
  set_and_notify(m, cv, ready);
  waiter.join();
}
TEST(ConditionVariable, TimedWaitReturnsThePredicate) {
  expect_clean_under_every_strategy([] { timed_handoff(false); }, per_strategy);
}
TEST(ConditionVariable, TimedWaitMayTimeOutBeforeTheNotify) {
  expect_found_under_every_strategy([] { timed_handoff(true); }, weft::finding_kind::assertion, budget(per_strategy));
}

// --- spurious wakeups ---------------------------------------------------------------------
/// The waiter checks its condition with `if` (wakes once and assumes) or
/// with a `while` loop (the correct form).
void wait_once_or_loop(bool loop) {
  weft::mutex m;
  weft::condition_variable cv;
  weft::var<bool> ready{false};
  weft::thread waiter([&] {
    std::unique_lock lk(m);
    if (loop) {
      while (!ready.load()) cv.wait(lk);
    } else if (!ready.load()) {
      cv.wait(lk);
    }
    WEFT_ASSERT(ready.load(), "woke without the condition");
  });
  set_and_notify(m, cv, ready);
  waiter.join();
}
weft::options with_spurious_wakeups(bool on) {
  weft::options o = budget(per_strategy);
  o.spurious_wakeups = on;
  return o;
}
TEST(ConditionVariable, NoSpuriousWakeupUnlessAskedFor) {
  expect_clean_under_every_strategy([] { wait_once_or_loop(false); }, with_spurious_wakeups(false));
}
TEST(ConditionVariable, SpuriousWakeupBreaksAnIfWait) {
  expect_found_under_every_strategy([] { wait_once_or_loop(false); }, weft::finding_kind::assertion,
                                    with_spurious_wakeups(true));
}
TEST(ConditionVariable, WhileLoopSurvivesSpuriousWakeups) {
  expect_clean_under_every_strategy([] { wait_once_or_loop(true); }, with_spurious_wakeups(true));
}

}  // namespace
