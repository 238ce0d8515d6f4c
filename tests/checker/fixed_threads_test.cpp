// weft::fixed_threads (Relacy's test-suite shape): each bug kind found with
// its replay and the correct twin clean, exactly `threads` logical threads
// numbered as the indices, state fresh_state per execution, thread 0's exception a
// finding of its own.
#include "weft/fixed_threads.hpp"

#include <gtest/gtest.h>

#include <mutex>
#include <stdexcept>

#include "../support/weft_expect.hpp"
#include "weft/weft.hpp"

namespace fixed_threads_test {

using weft::testing::expect_clean;
using weft::testing::expect_found;
using weft::testing::random_budget;

struct guarded_count {
  weft::mutex m;
  weft::var<int> value{0};
};

auto increments(bool locked) {
  return weft::fixed_threads<guarded_count>(
      2,
      [locked](guarded_count& c, std::size_t) {
        if (locked) {
          std::lock_guard lock(c.m);
          c.value = c.value.load() + 1;
        } else {
          c.value = c.value.load() + 1;
        }
      },
      [](guarded_count& c) { WEFT_ASSERT(c.value.load() == 2); });
}

TEST(FixedThreads, LostUpdateIsFoundAndLockedTwinIsClean) {
  expect_found(increments(false), weft::finding_kind::data_race);
  expect_clean(increments(true), random_budget(2000));
}

struct sb_state {
  weft::atomic<int> x{0}, y{0};
  int r0 = -1, r1 = -1;
};

auto store_buffering_body(std::memory_order order) {
  return weft::fixed_threads<sb_state>(
      2,
      [order](sb_state& s, std::size_t i) {
        if (i == 0) {
          s.x.store(1, order);
          s.r0 = s.y.load(order);
        } else {
          s.y.store(1, order);
          s.r1 = s.x.load(order);
        }
      },
      [](sb_state& s) { WEFT_ASSERT(s.r0 == 1 || s.r1 == 1, "both loads read the initial 0"); });
}

TEST(FixedThreads, WeakOutcomeOfRelaxedStoreBufferingIsFoundAndSeqCstIsClean) {
  expect_found(store_buffering_body(std::memory_order_relaxed), weft::finding_kind::assertion);
  expect_clean(store_buffering_body(std::memory_order_seq_cst), random_budget(2000));
}

struct lock_pair {
  weft::mutex a{"a"}, b{"b"};
};

TEST(FixedThreads, LockCycleIsFoundAsDeadlockAndAsLockOrderInversion) {
  const auto body = weft::fixed_threads<lock_pair>(2, [](lock_pair& s, std::size_t i) {
    std::scoped_lock one(i == 0 ? s.a : s.b);
    std::scoped_lock two(i == 0 ? s.b : s.a);
  });
  weft::options deadlocks_only = weft::testing::budget(2000);
  deadlocks_only.detect.disable(weft::finding_kind::lock_order_inversion);
  expect_found(body, weft::finding_kind::deadlock, deadlocks_only);
  weft::options inversions_only = weft::testing::budget(2000);
  inversions_only.detect.disable(weft::finding_kind::deadlock);
  expect_found(body, weft::finding_kind::lock_order_inversion, inversions_only);
}

TEST(FixedThreads, AnExecutionHasExactlyTheThreadsAskedFor) {
  for (std::size_t n : {1u, 2u, 8u, 9u, 12u}) {  // handles on the stack up to 7 others, then on the heap
    const weft::result r =
        weft::check(weft::fixed_threads<guarded_count>(n, [](guarded_count&, std::size_t) {}), random_budget(20));
    EXPECT_TRUE(r.ok()) << weft::testing::first_finding(r);
    EXPECT_EQ(r.stats.max_threads, n);
  }
}

TEST(FixedThreads, AFindingNamesTheThreadByItsIndex) {
  const weft::result r = weft::check(
      weft::fixed_threads<guarded_count>(3, [](guarded_count&, std::size_t i) { WEFT_ASSERT(i != 2, "index 2"); }),
      random_budget(20));
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_NE(r.findings[0].message.find("in thread 2"), std::string::npos) << r.findings[0].message;
}

struct fresh_state {
  weft::var<int> runs{0};
  int seen = -1;
};

TEST(FixedThreads, StateIsBuiltAgainForEveryExecution) {
  const weft::result r = weft::check(weft::fixed_threads<fresh_state>(
                                         2,
                                         [](fresh_state& s, std::size_t i) {
                                           if (i == 0) s.seen = s.runs.load();
                                         },
                                         [](fresh_state& s) {
                                           WEFT_ASSERT(s.seen == 0, "state left from an earlier execution");
                                           s.runs = s.runs.load() + 1;
                                         }),
                                     random_budget(50));
  EXPECT_TRUE(r.ok()) << weft::testing::first_finding(r);
  EXPECT_EQ(r.stats.executions, 50u);
}

TEST(FixedThreads, ExceptionOutOfThreadZeroIsAnUncaughtExceptionOfThreadZero) {
  const auto body = weft::fixed_threads<guarded_count>(2, [](guarded_count& c, std::size_t i) {
    if (i == 0) throw std::runtime_error("thread zero gives up");
    std::lock_guard lock(c.m);
    c.value = 1;
  });
  expect_found(body, weft::finding_kind::uncaught_exception);
  const weft::result r = weft::check(body, random_budget(20));
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_NE(r.findings[0].message.find("thread 0 ended with an uncaught exception: thread zero gives up"),
            std::string::npos)
      << r.findings[0].message;
}

TEST(FixedThreads, ExceptionOutOfAnotherThreadNamesThatThread) {
  const weft::result r = weft::check(weft::fixed_threads<guarded_count>(2,
                                                                        [](guarded_count&, std::size_t i) {
                                                                          if (i == 1) throw std::logic_error("one");
                                                                        }),
                                     random_budget(20));
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].kind, weft::finding_kind::uncaught_exception);
  EXPECT_NE(r.findings[0].message.find("thread 1 ended with an uncaught exception: one"), std::string::npos)
      << r.findings[0].message;
}

TEST(FixedThreads, NoThreadsIsAnError) {
  EXPECT_THROW((void)weft::fixed_threads<guarded_count>(0, [](guarded_count&, std::size_t) {}), std::invalid_argument);
}

}  // namespace fixed_threads_test
