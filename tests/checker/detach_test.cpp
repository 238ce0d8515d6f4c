// weft::thread::detach() as std::thread::detach: an execution ends when the
// threads nobody detached have ended; detached threads still runnable then
// run on, and one left blocked for good is not a finding.
#include <gtest/gtest.h>

#include <atomic>

#include "../support/weft_expect.hpp"
#include "weft/weft.hpp"

namespace {

weft::result run_detached(const std::function<void()>& body, std::uint64_t iterations = 300) {
  return weft::check(body, weft::testing::random_budget(iterations));
}

TEST(Detach, ThreadBlockedForeverIsNotAFinding) {
  const weft::result r = run_detached([] {
    static weft::binary_semaphore never_released{0};
    weft::thread t([] { never_released.acquire(); });
    t.detach();
  });
  EXPECT_TRUE(r.ok()) << weft::to_string(r.findings.at(0).kind) << ": " << r.findings.at(0).message;
}

TEST(Detach, JoinedThreadBlockedForeverIsStillFound) {
  const weft::result r = run_detached([] {
    static weft::binary_semaphore never_released{0};
    weft::thread t([] { never_released.acquire(); });
    t.join();
  });
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.findings[0].message.find("semaphore"), std::string::npos) << r.findings[0].message;
}

std::atomic<int> finished_after_main{0};

TEST(Detach, RunnableDetachedThreadRunsToItsEnd) {
  finished_after_main = 0;
  const weft::result r = run_detached([] {
    weft::thread t([] {
      for (int i = 0; i < 3; ++i) weft::this_thread::yield();
      finished_after_main.fetch_add(1);
    });
    t.detach();
  });
  ASSERT_TRUE(r.ok()) << r.findings.at(0).message;
  EXPECT_EQ(finished_after_main.load(), static_cast<int>(r.stats.executions));
}

weft::var<int> shared_after_main{0};

TEST(Detach, DetachedThreadTouchingSharedStateRacesWithMain) {
  const weft::result r = run_detached([] {
    weft::thread t([] { shared_after_main = 1; });
    t.detach();
    (void)shared_after_main.load();  // nothing orders this after the write
  });
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.findings[0].kind, weft::finding_kind::data_race) << r.findings[0].message;
}

TEST(Detach, DetachingTwiceIsMisuse) {
  const weft::result r = run_detached(
      [] {
        weft::thread t([] {});
        t.detach();
        t.detach();
      },
      10);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.findings[0].kind, weft::finding_kind::misuse) << r.findings[0].message;
  EXPECT_EQ(r.findings[0].subkind, weft::finding_subkind::detach_not_joinable) << r.findings[0].message;
}

TEST(Detach, JoiningADetachedThreadIsMisuse) {
  const weft::result r = run_detached(
      [] {
        weft::thread t([] {});
        t.detach();
        t.join();
      },
      10);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.findings[0].kind, weft::finding_kind::misuse) << r.findings[0].message;
  EXPECT_EQ(r.findings[0].subkind, weft::finding_subkind::join_not_joinable) << r.findings[0].message;
}

}  // namespace
