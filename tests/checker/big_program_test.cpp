// tests/checker/big_program_test.cpp — programs of 128 and 256 logical
// threads: the engine keeps every thread apart (a bug among hundreds of
// threads is found, with a schedule that replays it) and a correct program
// stays clean. Few executions each: a program of this size costs tens of
// milliseconds per execution; bench/engine_bench.cpp measures the speed.
#include <gtest/gtest.h>

#include <mutex>
#include <vector>

#include "../support/weft_expect.hpp"
#include "weft/weft.hpp"

namespace {

using weft::testing::budget;

/// Runs body(i) on logical threads 0..threads-1 and joins them.
template <class Body>
void run_threads(int threads, Body body) {
  std::vector<weft::thread> pool;
  pool.reserve(static_cast<std::size_t>(threads));
  for (int i = 0; i < threads; ++i) pool.emplace_back(body, i);
  for (auto& t : pool) t.join();
}

weft::options few_executions() { return budget(4, weft::strategy_kind::random); }

class BigProgram : public ::testing::TestWithParam<int> {};

TEST_P(BigProgram, LockedIncrementsAreClean) {
  const int n = GetParam();
  weft::testing::expect_clean([n] {
    weft::mutex m;
    weft::var<int> x{0};
    run_threads(n, [&](int) {
      std::lock_guard lock(m);
      x = x.load() + 1;
    });
    WEFT_ASSERT(x.load() == n);
  }, few_executions());
}

/// Every thread writes its own slot; the last one also writes the first
/// one's, unordered with it: the only race is between threads 0 and n-1.
TEST_P(BigProgram, TheFirstAndLastThreadRace) {
  const int n = GetParam();
  weft::testing::expect_found([n] {
    std::vector<weft::var<int>> slots(static_cast<std::size_t>(n));
    run_threads(n, [&](int index) {
      slots[static_cast<std::size_t>(index)] = index;
      if (index == n - 1) slots[0] = index;
    });
  }, weft::finding_kind::data_race, few_executions());
}

TEST_P(BigProgram, OwnSlotsDoNotRace) {
  const int n = GetParam();
  weft::testing::expect_clean([n] {
    std::vector<weft::var<int>> slots(static_cast<std::size_t>(n));
    run_threads(n, [&](int index) { slots[static_cast<std::size_t>(index)] = index; });
    for (int i = 0; i < n; ++i) WEFT_ASSERT(slots[static_cast<std::size_t>(i)].load() == i);
  }, few_executions());
}

TEST_P(BigProgram, ALostUpdateOnAnAtomicFailsTheAssertion) {
  const int n = GetParam();
  weft::testing::expect_found([n] {
    weft::atomic<int> x{0};
    run_threads(n, [&](int) { x.store(x.load() + 1); });  // not one read-modify-write
    WEFT_ASSERT(x.load() == n);
  }, weft::finding_kind::assertion, few_executions());
}

/// Threads 2p and 2p+1 hand one token through a mailbox: half the threads
/// block on a condition variable at once.
TEST_P(BigProgram, PairwiseConditionVariableHandoffsAreClean) {
  const int n = GetParam();
  weft::testing::expect_clean([n] {
    struct mailbox {
      weft::mutex m;
      weft::condition_variable cv;
      weft::var<bool> full{false};
    };
    std::vector<mailbox> boxes(static_cast<std::size_t>(n / 2));
    run_threads(n, [&](int index) {
      mailbox& box = boxes[static_cast<std::size_t>(index / 2)];
      std::unique_lock lock(box.m);
      if (index % 2 == 0) {
        box.full = true;
        box.cv.notify_one();
      } else {
        box.cv.wait(lock, [&] { return box.full.load(); });
      }
    });
  }, few_executions());
}

INSTANTIATE_TEST_SUITE_P(Threads, BigProgram, ::testing::Values(128, 256),
                         [](const auto& instance) { return std::to_string(instance.param) + "_threads"; });

}  // namespace
