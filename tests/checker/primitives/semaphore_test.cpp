// weft::counting_semaphore and weft::binary_semaphore: how many holders the
// count admits, try_acquire, timed acquires on logical time, the
// happens-before edge from release to acquire, and the bugs a semaphore can
// show (released beyond its maximum: misuse; acquired when nobody releases:
// lost wakeup) found, with the correct use clean.
#include <gtest/gtest.h>

#include <chrono>
#include <cstddef>
#include <vector>

#include "../../support/weft_expect.hpp"
#include "weft/weft.hpp"

namespace {

using weft::testing::budget;
using weft::testing::expect_clean;
using weft::testing::expect_found;

/// `threads` threads pass through a semaphore of `permits`; each asserts at
/// most `allowed` are inside together.
void holders(std::ptrdiff_t permits, int threads, int allowed) {
  weft::counting_semaphore<4> slots{permits};
  weft::atomic<int> inside{0};
  auto pass = [&] {
    slots.acquire();
    WEFT_ASSERT(inside.fetch_add(1) + 1 <= allowed, "more holders than allowed");
    inside.fetch_sub(1);
    slots.release();
  };
  std::vector<weft::thread> ts;
  for (int i = 0; i < threads; ++i) ts.emplace_back(pass);
  for (auto& t : ts) t.join();
}
TEST(Semaphore, AdmitsAsManyHoldersAsPermits) { expect_clean([] { holders(2, 3, 2); }, budget(2000)); }
TEST(Semaphore, TwoPermitsLetTwoIn) {
  expect_found([] { holders(2, 3, 1); }, weft::finding_kind::assertion);
}
TEST(BinarySemaphore, ExcludesLikeAMutex) {
  expect_clean([] {
    weft::binary_semaphore s{1};
    weft::var<int> count{0};
    auto inc = [&] {
      s.acquire();
      count.store(count.load() + 1);
      s.release();
    };
    weft::thread a(inc), b(inc);
    a.join();
    b.join();
    WEFT_ASSERT(count.load() == 2);
  }, budget(2000));
}

TEST(Semaphore, ReleaseOrdersWhatCameBeforeItForTheAcquirer) {
  expect_clean([] {
    weft::binary_semaphore ready{0};
    weft::var<int> payload{0};
    weft::thread producer([&] {
      payload.store(42);
      ready.release();
    });
    ready.acquire();
    WEFT_ASSERT(payload.load() == 42);
    producer.join();
  }, budget(2000));
}

TEST(Semaphore, TryAcquireTakesOnlyWhatIsThere) {
  expect_clean([] {
    weft::counting_semaphore<2> s{1};
    WEFT_ASSERT(s.try_acquire());
    WEFT_ASSERT(!s.try_acquire(), "no permit left");
    s.release();
    WEFT_ASSERT(s.try_acquire());
  }, budget(20));
}
TEST(Semaphore, TimedAcquireTimesOutInLogicalTime) {
  const auto start = std::chrono::steady_clock::now();
  expect_clean([] {
    weft::binary_semaphore s{0};
    const auto t0 = weft::now();
    WEFT_ASSERT(!s.try_acquire_for(std::chrono::hours(1)));
    WEFT_ASSERT(weft::now() - t0 >= std::chrono::hours(1), "the timeout took its logical hour");
  }, budget(50));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
}
TEST(Semaphore, TimedAcquireGetsAPermitReleasedInTime) {
  expect_clean([] {
    weft::binary_semaphore s{0};
    weft::thread t([&] { s.release(); });
    const bool got = s.try_acquire_for(std::chrono::hours(1));
    t.join();
    WEFT_ASSERT(got || s.try_acquire(), "the permit is taken or still there");
  }, budget(2000));
}

TEST(Semaphore, OverReleaseIsMisuse) {
  expect_found([] {
    weft::binary_semaphore s{1};
    s.release();
  }, weft::finding_subkind::over_release);
}
TEST(Semaphore, ReleaseUpToTheMaximumIsClean) {
  expect_clean([] {
    weft::counting_semaphore<3> s{1};
    s.release(2);
    for (int i = 0; i < 3; ++i) WEFT_ASSERT(s.try_acquire());
  }, budget(20));
}

TEST(Semaphore, AcquireNobodyReleasesIsALostWakeup) {
  expect_found([] {
    weft::counting_semaphore<2> s{0};
    weft::thread t([&] { s.acquire(); });
    t.join();
  }, weft::finding_kind::lost_wakeup);
}

}  // namespace
