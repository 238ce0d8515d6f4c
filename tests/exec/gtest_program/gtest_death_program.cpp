// A GoogleTest program with a death test among ordinary ones, as test
// suites often have (tests/cli/gtest_death_exec_test.sh): weft exec checks
// the others, and names the death test, which forks, in its one-line error
// with the filter that leaves it out.
#include <gtest/gtest.h>

#include <cstdlib>
#include <mutex>
#include <thread>

TEST(Counter, LockedIncrements) {
  std::mutex m;
  int count = 0;
  auto work = [&] {
    for (int i = 0; i < 3; ++i) {
      std::lock_guard<std::mutex> lock(m);
      ++count;
    }
  };
  std::thread a(work), b(work);
  a.join();
  b.join();
  EXPECT_EQ(count, 6);
}

TEST(Abort, DiesLoudly) { EXPECT_DEATH(std::abort(), ""); }

TEST(Counter, Alone) { EXPECT_EQ(1 + 1, 2); }
