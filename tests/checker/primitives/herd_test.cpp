// A release with many waiters: every thread blocked on the lock or on the
// permits wakes at once (the runtime moves such a herd as one group,
// execution.hpp's waiter_group), any of them may be the next to get in,
// those that lose the race wait again, and none is forgotten. Waiters with a
// timeout beside untimed ones wake the same way; readers of a shared mutex
// go in together.
#include <gtest/gtest.h>

#include <chrono>
#include <mutex>
#include <set>
#include <shared_mutex>
#include <vector>

#include "../../support/weft_expect.hpp"
#include "weft/weft.hpp"

namespace {

constexpr int waiters = 6;

/// Lets the waiters reach their wait before the holder releases.
void give_way(int times) {
  for (int i = 0; i < times; ++i) weft::this_thread::yield();
}

TEST(Herd, AnyWaiterOfAMutexMayTakeItNextAndEveryOneGetsIt) {
  std::set<int> first_in;
  const weft::result r = weft::check(
      [&] {
        weft::mutex m;
        weft::var<int> first{-1};
        weft::var<int> passed{0};
        m.lock();
        std::vector<weft::thread> ts;
        for (int id = 0; id < waiters; ++id) {
          ts.emplace_back([&, id] {
            std::lock_guard lock(m);
            if (first.load() < 0) first = id;
            passed = passed.load() + 1;
          });
        }
        give_way(2 * waiters);
        m.unlock();
        for (auto& t : ts) t.join();
        WEFT_ASSERT(passed.load() == waiters, "a waiter never got the mutex");
        first_in.insert(first.load());
      },
      weft::testing::random_budget(3000));
  EXPECT_TRUE(r.ok()) << (r.findings.empty() ? "" : r.findings[0].message);
  EXPECT_EQ(first_in.size(), std::size_t{waiters}) << "some waiter was never the first after the release";
}

TEST(Herd, ReadersWokenTogetherShareTheLockAndWritersWaitForThem) {
  std::set<int> first_in;
  int most_readers = 0;
  const weft::result r = weft::check(
      [&] {
        weft::shared_mutex m;
        weft::atomic<int> readers{0}, writers{0};
        weft::atomic<int> first{-1};  // readers inside together: an atomic
        int most = 0;                 // logical threads run one at a time: a plain int is enough here
        m.lock();
        std::vector<weft::thread> ts;
        for (int id = 0; id < waiters; ++id) {
          if (id % 2 == 0) {
            ts.emplace_back([&, id] {
              std::shared_lock lock(m);
              int none = -1;
              first.compare_exchange_strong(none, id);
              const int now = readers.fetch_add(1) + 1;
              most = std::max(most, now);
              WEFT_ASSERT(writers.load() == 0, "a reader beside a writer");
              give_way(1);
              readers.fetch_sub(1);
            });
          } else {
            ts.emplace_back([&, id] {
              std::unique_lock lock(m);
              int none = -1;
              first.compare_exchange_strong(none, id);
              WEFT_ASSERT(writers.fetch_add(1) == 0 && readers.load() == 0, "a writer beside another thread");
              writers.fetch_sub(1);
            });
          }
        }
        give_way(2 * waiters);
        m.unlock();
        for (auto& t : ts) t.join();
        first_in.insert(first.load());
        most_readers = std::max(most_readers, most);
      },
      weft::testing::random_budget(3000));
  EXPECT_TRUE(r.ok()) << (r.findings.empty() ? "" : r.findings[0].message);
  EXPECT_EQ(first_in.size(), std::size_t{waiters});
  EXPECT_EQ(most_readers, waiters / 2) << "the readers never held the lock all together";
}

TEST(Herd, TimedAndUntimedWaitersForPermitsAllGetThrough) {
  std::set<int> first_in;
  const weft::result r = weft::check(
      [&] {
        weft::counting_semaphore<waiters> permits{0};
        weft::atomic<int> first{-1};  // the permits let everyone in together: atomics
        weft::atomic<int> through{0};
        std::vector<weft::thread> ts;
        for (int id = 0; id < waiters; ++id) {
          ts.emplace_back([&, id] {
            const bool got = id % 3 == 0 ? permits.try_acquire_for(std::chrono::hours(1)) : (permits.acquire(), true);
            if (!got) return;  // a timed waiter whose hour passed first
            int none = -1;
            first.compare_exchange_strong(none, id);
            through.fetch_add(1);
          });
        }
        give_way(2);  // few: while a timed waiter waits, letting its hour pass is a choice at every point
        permits.release(waiters);
        for (auto& t : ts) t.join();
        WEFT_ASSERT(through.load() + permits.try_acquire() >= 1, "no waiter got through");
        first_in.insert(first.load());
      },
      weft::testing::random_budget(3000));
  EXPECT_TRUE(r.ok()) << (r.findings.empty() ? "" : r.findings[0].message);
  EXPECT_EQ(first_in.size(), std::size_t{waiters}) << "some waiter, timed or not, was never the first through";
}

// A timed waiter blocked when the permit comes is woken by the release, at
// once in logical time: were it left to its deadline, it would get the
// permit only an hour later.
TEST(Herd, ATimedWaiterIsWokenByTheReleaseNotByItsDeadline) {
  weft::testing::expect_clean(
      [] {
        weft::counting_semaphore<1> permit{0}, done{0};
        weft::thread waiter([&] {
          const auto start = weft::now();
          const bool got = permit.try_acquire_for(std::chrono::hours(1));
          WEFT_ASSERT(!got || weft::now() - start < std::chrono::hours(1), "the release did not wake the timed waiter");
          done.release();
        });
        permit.release();
        done.acquire();
        waiter.join();
      },
      weft::testing::random_budget(2000));
}

}  // namespace
