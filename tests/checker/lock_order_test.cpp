// The lock-order detector (Goodlock with Bensalem & Havelund's refinement):
// a cycle in the lock-order graph is a potential deadlock only when its edges
// come from distinct threads and were taken under disjoint sets of held
// ("gate") locks. The classic shapes that cannot deadlock stay clean; the true
// inversions are still found.
#include <memory>
#include <mutex>
#include <vector>

#include "../support/classic_programs.hpp"
#include "../support/weft_expect.hpp"

namespace {

using weft::testing::budget;
using weft::testing::expect_clean_under_every_strategy;
using weft::testing::expect_found;

/// Dining philosophers whose fork pairs are taken under one gate mutex: the
/// forks form a cycle, but no two philosophers can be inside the gate at once.
void gate_lock_philosophers(int n) {
  weft::mutex gate;
  std::vector<weft::mutex> forks(n);
  std::vector<weft::thread> ts;
  for (int i = 0; i < n; ++i) {
    ts.emplace_back([&, i] {
      std::lock_guard g(gate);
      std::lock_guard left(forks[i]);
      std::lock_guard right(forks[(i + 1) % n]);
    });
  }
  for (auto& t : ts) t.join();
}

/// One thread takes A then B, later B then A: a thread cannot deadlock with itself.
void same_thread_cycle() {
  weft::mutex a, b;
  weft::thread t([&] {
    {
      std::lock_guard la(a);
      std::lock_guard lb(b);
    }
    {
      std::lock_guard lb(b);
      std::lock_guard la(a);
    }
  });
  t.join();
}

/// Thread 2 holds B, releases it, takes A and then B again: its order is
/// A -> B like thread 1's, although it locked B before A.
void released_and_reacquired() {
  weft::mutex a, b;
  weft::var<int> x{0};
  weft::thread t1([&] {
    std::lock_guard la(a);
    std::lock_guard lb(b);
    x = x + 1;
  });
  weft::thread t2([&] {
    std::unique_lock lb(b);
    x = x + 1;
    lb.unlock();
    std::lock_guard la(a);
    lb.lock();
    x = x + 1;
  });
  t1.join();
  t2.join();
}

using weft::testing::ab_ba;

/// A -> B, B -> C, C -> A by three threads: no pair inverts, the triple does.
void three_thread_cycle() {
  weft::mutex a, b, c;
  auto nested = [](weft::mutex& outer, weft::mutex& inner) {
    return [&outer, &inner] {
      std::lock_guard o(outer);
      std::lock_guard i(inner);
    };
  };
  weft::thread t1(nested(a, b)), t2(nested(b, c)), t3(nested(c, a));
  t1.join();
  t2.join();
  t3.join();
}

/// The AB/BA pair taken under a gate by one pair of threads but not by a
/// third thread: the gate protects only the threads that take it.
void gate_bypassed() {
  weft::mutex gate, a, b;
  weft::thread t1([&] {
    std::lock_guard g(gate);
    std::lock_guard la(a);
    std::lock_guard lb(b);
  });
  weft::thread t2([&] {
    std::lock_guard lb(b);
    std::lock_guard la(a);
  });
  t1.join();
  t2.join();
}

/// Two threads each open an account (a mutex made while threads run) and
/// take a number for it; two more transfer both ways, locking the accounts
/// in number order (correct) or the payer's first (the transfer deadlock).
/// Which account is made first and which gets the lower number differ from
/// one schedule to the next: the creation ordinals of the two mutexes swap
/// between executions, and joined across executions by ordinal their edges
/// make a cycle that no execution has.
template <bool payer_first>
void accounts_opened_by_threads() {
  struct account {
    weft::mutex m;
    int number = 0;
  };
  std::unique_ptr<account> accounts[2];
  weft::atomic<int> next{0};
  {
    weft::thread open0([&] { accounts[0] = std::make_unique<account>(); });
    weft::thread open1([&] { accounts[1] = std::make_unique<account>(); });
    open0.join();
    open1.join();
  }
  {
    weft::thread number0([&] { accounts[0]->number = next.fetch_add(1); });
    weft::thread number1([&] { accounts[1]->number = next.fetch_add(1); });
    number0.join();
    number1.join();
  }
  const auto transfer = [&](account& from, account& to) {
    account& first = payer_first || from.number < to.number ? from : to;
    std::lock_guard a(first.m);
    std::lock_guard b(&first == &from ? to.m : from.m);
  };
  weft::thread t1([&] { transfer(*accounts[0], *accounts[1]); });
  weft::thread t2([&] { transfer(*accounts[1], *accounts[0]); });
  t1.join();
  t2.join();
}

weft::options dfs_without_preemptions() {
  // No explored schedule interleaves the critical sections, so only the
  // lock-order graph can see an inversion.
  weft::options o = budget(1000, weft::strategy_kind::dfs);
  o.preemption_bound = 0;
  return o;
}

TEST(LockOrder, GateLockPhilosophersAreClean) { expect_clean_under_every_strategy([] { gate_lock_philosophers(5); }, 2000); }
TEST(LockOrder, SameThreadCycleIsClean) { expect_clean_under_every_strategy(same_thread_cycle, 2000); }
TEST(LockOrder, ReleasedAndReacquiredIsClean) { expect_clean_under_every_strategy(released_and_reacquired, 2000); }
TEST(LockOrder, AbBaInversionIsStillReported) {
  expect_found(ab_ba, weft::finding_kind::lock_order_inversion, dfs_without_preemptions());
}
TEST(LockOrder, ThreeThreadCycleIsReported) {
  expect_found(three_thread_cycle, weft::finding_kind::lock_order_inversion, dfs_without_preemptions());
}
TEST(LockOrder, GateTakenByOnlyOneSideIsReported) {
  expect_found(gate_bypassed, weft::finding_kind::lock_order_inversion, dfs_without_preemptions());
}
TEST(LockOrder, LocksMadeWhileThreadsRunAreJoinedWithinTheirExecutionOnly) {
  expect_clean_under_every_strategy(accounts_opened_by_threads<false>, 2000);
}
TEST(LockOrder, InversionOfLocksMadeWhileThreadsRunIsReported) {
  expect_found(accounts_opened_by_threads<true>, weft::finding_kind::lock_order_inversion, dfs_without_preemptions());
}
TEST(LockOrder, InversionMessageNamesBothThreads) {
  const weft::result r = weft::check(ab_ba, dfs_without_preemptions());
  ASSERT_FALSE(r.ok());
  const std::string& m = r.findings.front().message;
  EXPECT_NE(m.find("thread 1"), std::string::npos) << m;
  EXPECT_NE(m.find("thread 2"), std::string::npos) << m;
}

}  // namespace
