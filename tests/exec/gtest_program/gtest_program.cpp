// A GoogleTest program as anyone would write it (std::thread, std::mutex,
// plain ints), for `weft exec` on GoogleTest binaries
// (tests/cli/gtest_exec_test.sh): built with weft's instrumentation, each
// test is a scenario of its own. Expected verdicts:
//   Counter.LockedIncrements          clean
//   Counter.RacyIncrements            data_race
//   Account.CheckThenActWithdrawals   exit (EXPECT_EQ fails when both threads see the balance before either takes it)
//   Param/Counter*.LockedAdds/0..1    clean (value-parameterized: "# GetParam() = ..." in the listing)
//   Typed/0..1.LockedStores           clean (typed: "# TypeParam = ..." in the listing)
//   Counter.DISABLED_Skipped          not run (disabled)
#include <gtest/gtest.h>

#include <mutex>
#include <thread>

TEST(Counter, LockedIncrements) {
  std::mutex m;
  int counter = 0;
  auto add = [&] {
    std::lock_guard<std::mutex> lock(m);
    ++counter;
  };
  std::thread a(add), b(add);
  a.join();
  b.join();
  EXPECT_EQ(counter, 2);
}

TEST(Counter, RacyIncrements) {
  int counter = 0;
  auto add = [&] { ++counter; };
  std::thread a(add), b(add);
  a.join();
  b.join();
  (void)counter;
}

TEST(Account, CheckThenActWithdrawals) {
  std::mutex m;
  int balance = 100;
  auto withdraw = [&] {
    int seen;
    {
      std::lock_guard<std::mutex> lock(m);
      seen = balance;
    }
    if (seen >= 100) {  // the check and the act under separate locks
      std::lock_guard<std::mutex> lock(m);
      balance -= 100;
    }
  };
  std::thread a(withdraw), b(withdraw);
  a.join();
  b.join();
  EXPECT_EQ(balance, 0);
}

TEST(Counter, DISABLED_Skipped) {
  int counter = 0;
  std::thread a([&] { ++counter; }), b([&] { ++counter; });
  a.join();
  b.join();
}

class CounterByStep : public testing::TestWithParam<int> {};

TEST_P(CounterByStep, LockedAdds) {
  std::mutex m;
  int counter = 0;
  auto add = [&] {
    std::lock_guard<std::mutex> lock(m);
    counter += GetParam();
  };
  std::thread a(add), b(add);
  a.join();
  b.join();
  EXPECT_EQ(counter, 2 * GetParam());
}

INSTANTIATE_TEST_SUITE_P(Param, CounterByStep, testing::Values(1, 7));

template <typename T>
class Stores : public testing::Test {};
using StoreTypes = testing::Types<int, long>;
TYPED_TEST_SUITE(Stores, StoreTypes);

TYPED_TEST(Stores, LockedStores) {
  std::mutex m;
  TypeParam value = 0;
  auto store = [&](TypeParam v) {
    std::lock_guard<std::mutex> lock(m);
    value = v;
  };
  std::thread a(store, TypeParam(1)), b(store, TypeParam(2));
  a.join();
  b.join();
  EXPECT_TRUE(value == 1 || value == 2);
}
