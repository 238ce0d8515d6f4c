// Fair scheduling and livelock: a thread that yields, fails a try_lock or
// re-reads an atomic nobody changed gives way (CHESS's fairness, in the
// engine, so every strategy has it); a livelock is a long run of such futile
// steps with no progress, never the mere size of a program. And a thread that
// ends holding a mutex is a misuse, named where the mutex was locked.
#include <chrono>
#include <memory>
#include <mutex>
#include <vector>

#include "../support/weft_expect.hpp"

namespace {

using weft::testing::all_strategies;
using weft::testing::budget;
using weft::testing::expect_clean_under_every_strategy;
using weft::testing::expect_found;
using weft::testing::first_finding;

// --- fair scheduling: spin loops terminate under every strategy -------------------------
/// Threads arrive at a counter and spin (yielding) until all have arrived.
void spin_barrier(int n, bool yield) {
  weft::atomic<int> arrived{0};
  std::vector<weft::thread> ts;
  for (int i = 0; i < n; ++i) {
    ts.emplace_back([&] {
      arrived.fetch_add(1);
      while (arrived.load() < n) {
        if (yield) weft::this_thread::yield();
      }
    });
  }
  for (auto& t : ts) t.join();
}
TEST(Fairness, SpinWithYieldIsNotALivelockUnderDfs) {
  weft::options o = budget(5000, weft::strategy_kind::dfs);
  const weft::result r = weft::check([] { spin_barrier(3, true); }, o);
  EXPECT_TRUE(r.ok()) << first_finding(r);
}
/// The main thread spins (yielding, or re-reading) on a flag a worker sets
/// after sleeping three times: only time passing lets the worker on.
void spin_on_a_sleeper(bool yield) {
  weft::atomic<bool> done{false};
  weft::thread worker([&] {
    for (int i = 0; i < 3; ++i) weft::this_thread::sleep_for(std::chrono::milliseconds(10));
    done.store(true);
  });
  while (!done.load()) {
    if (yield) weft::this_thread::yield();
  }
  worker.join();
}
TEST(Fairness, SpinWaitingForASleeperIsNotALivelock) {
  // dfs lets time pass only when nothing else can run: the spinner ran into
  // a false livelock before a sleeper counted as ready while every runnable
  // thread gives way.
  expect_clean_under_every_strategy([] { spin_on_a_sleeper(true); }, 2000);
  expect_clean_under_every_strategy([] { spin_on_a_sleeper(false); }, 2000);
}
TEST(Fairness, SpinOnAnUnchangedValueGivesWay) {
  // No yield at all: re-reading a value nobody changed is what gives way.
  expect_clean_under_every_strategy([] { spin_barrier(3, false); }, 2000);
}
TEST(Fairness, TestAndSetWithoutYieldGivesWay) {
  expect_clean_under_every_strategy([] {
    weft::atomic<bool> locked{false};
    weft::var<int> x{0};
    auto work = [&] {
      while (locked.exchange(true, std::memory_order_acquire)) {
      }
      x = x + 1;
      locked.store(false, std::memory_order_release);
    };
    weft::thread a(work), b(work);
    a.join();
    b.join();
    WEFT_ASSERT(x == 2);
  }, 2000);
}
/// A consumer polls a queue under its mutex (lock, look, unlock, again)
/// until there are `wanted`, while the producer puts `items` in: no yield,
/// no atomic, no failed try_lock, only critical sections that change nothing.
void poll_under_a_lock(int items, int wanted) {
  weft::mutex m;
  weft::var<int> produced{0};
  weft::thread producer([&] {
    for (int i = 0; i < items; ++i) {
      std::lock_guard<weft::mutex> hold(m);
      produced = produced + 1;
    }
  });
  for (bool done = false; !done;) {
    std::lock_guard<weft::mutex> hold(m);
    done = produced == wanted;
  }
  producer.join();
}
TEST(Fairness, PollingUnderALockGivesWay) {
  // DFS keeps running the poller unless re-taking the lock after a section
  // that changed nothing gives way: without that, 1,000,000 steps and a
  // "no end" livelock on a correct program.
  expect_clean_under_every_strategy([] { poll_under_a_lock(2, 2); }, 500);
}
TEST(Fairness, ReadThenWriteSectionsStillInterleave) {
  // A lost update between a read under the lock and a write under it: the
  // first re-lock after a section that changed nothing races on, so every
  // strategy still puts the other thread between the two.
  const auto split = [] {
    weft::mutex m;
    weft::var<int> count{0};
    auto add = [&] {
      int seen = 0;
      {
        std::lock_guard<weft::mutex> hold(m);
        seen = count;
      }
      std::lock_guard<weft::mutex> hold(m);
      count = seen + 1;
    };
    weft::thread a(add), b(add);
    a.join();
    b.join();
    WEFT_ASSERT(count == 2);
  };
  for (weft::strategy_kind s : all_strategies()) expect_found(split, weft::finding_kind::assertion, budget(2000, s));
}

// --- livelock: futile steps without progress ----------------------------------------------
/// Each thread takes its own lock and politely backs off — try_lock, yield,
/// try again — for the other's, never letting its own go: a livelock in every
/// schedule where both get their first lock.
void polite_back_off_forever() {
  weft::mutex a, b;
  auto polite = [](weft::mutex& mine, weft::mutex& theirs) {
    return [&mine, &theirs] {
      std::lock_guard g(mine);
      while (!theirs.try_lock()) weft::this_thread::yield();
      theirs.unlock();
    };
  };
  weft::thread t1(polite(a, b)), t2(polite(b, a));
  t1.join();
  t2.join();
}
/// The same back-off, but releasing its own lock before it yields: some
/// thread gets both in every fair schedule with finitely many preemptions
/// (staying in lock-step forever needs a preemption every round), so it is
/// not reported.
void release_and_retry_back_off() {
  weft::mutex a, b;
  auto polite = [](weft::mutex& mine, weft::mutex& theirs) {
    return [&mine, &theirs] {
      mine.lock();
      while (!theirs.try_lock()) {
        mine.unlock();
        weft::this_thread::yield();
        mine.lock();
      }
      theirs.unlock();
      mine.unlock();
    };
  };
  weft::thread t1(polite(a, b)), t2(polite(b, a));
  t1.join();
  t2.join();
}
TEST(Livelock, PoliteBackOffForeverIsFound) {
  const weft::result r = weft::check(polite_back_off_forever, budget(2000, weft::strategy_kind::dfs));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.findings.front().kind, weft::finding_kind::livelock) << r.findings.front().message;
  EXPECT_NE(r.findings.front().message.find("futile"), std::string::npos) << r.findings.front().message;
}
TEST(Livelock, ReleaseAndRetryBackOffIsClean) {
  expect_clean_under_every_strategy(release_and_retry_back_off, 2000);
}
TEST(Livelock, TryLockSpinHoldingALockIsFound) {
  for (weft::strategy_kind s : all_strategies()) {
    SCOPED_TRACE(std::string(weft::to_string(s)));
    expect_found(polite_back_off_forever, weft::finding_kind::livelock, budget(2000, s));
  }
}
/// Two threads move money around three accounts with one std::scoped_lock
/// of all three mutexes each, in rotated orders. libstdc++'s std::lock locks
/// one, tries the others, backs off and starts again with the one that
/// failed: two threads can take turns at that for ever, and PCT's fixed
/// priorities held them there (a false livelock; real threads leave it
/// almost surely, and so does a random pick).
void three_accounts_with_std_lock() {
  weft::mutex m[3];
  weft::var<int> balance[3] = {100, 100, 100};
  auto rotate = [&](int from, int to_a, int to_b) {
    return [&, from, to_a, to_b] {
      for (int i = 0; i < 2; ++i) {
        std::scoped_lock all(m[from], m[to_a], m[to_b]);
        balance[from] += -10;
        balance[to_a] += 5;
        balance[to_b] += 5;
      }
    };
  };
  weft::thread first(rotate(0, 1, 2)), second(rotate(1, 2, 0));
  first.join();
  second.join();
  WEFT_ASSERT(balance[0] + balance[1] + balance[2] == 300, "money is neither made nor lost");
}
TEST(Livelock, StdLockOfThreeMutexesInTurnIsNotALivelock) {
  expect_clean_under_every_strategy(three_accounts_with_std_lock, 2000);
}
TEST(Livelock, SpinOnAFlagNobodySetsIsFound) {
  expect_found([] {
    weft::atomic<bool> flag{false};
    weft::thread t([&] {
      while (!flag.load()) {
      }
    });
    t.join();
  }, weft::finding_kind::livelock, budget(10));
}
/// A loop bounded by an atomic size (`n.load()` re-reads a value nobody
/// changes, `rounds` times) that reads a new element each round.
void scan_bounded_by_an_atomic(int rounds) {
  weft::atomic<int> n{rounds};
  std::vector<std::unique_ptr<weft::var<int>>> data;
  for (int i = 0; i < rounds; ++i) data.push_back(std::make_unique<weft::var<int>>(1));
  weft::thread t([] {});
  long sum = 0;
  for (int i = 0; i < n.load(); ++i) sum += data[static_cast<std::size_t>(i)]->load();
  t.join();
  WEFT_ASSERT(sum == rounds);
}
TEST(Livelock, ALongScanBoundedByAnAtomicSizeIsNotALivelock) {
  // 3,000 looks at an unchanged atomic, each after reading a new element:
  // more than options::futile_steps, and no spin. It was reported.
  expect_clean_under_every_strategy([] { scan_bounded_by_an_atomic(3000); }, 2);
}
TEST(Livelock, ALoopAloneBoundedByAnAtomicSizeIsNotALivelock) {
  // A container's teardown after the join: the bound re-read each round,
  // only register work between (libcuckoo's destroy_buckets() destroys
  // trivially destructible buckets). Alone, the thread waits for no one.
  expect_clean_under_every_strategy([] {
    weft::atomic<int> size{5000};
    weft::thread t([&] { size.fetch_add(0); });
    t.join();
    long destroyed = 0;
    for (int i = 0; i < size.load(std::memory_order_acquire); ++i) ++destroyed;
    WEFT_ASSERT(destroyed == 5000);
  }, 2);
}
TEST(Livelock, ASpinAloneOnAFlagNobodySetsMeetsTheStepCeiling) {
  weft::options o = budget(3);
  o.max_steps = 20'000;
  const weft::result r = weft::check([] {
    weft::atomic<bool> flag{false};
    weft::thread t([&] {
      while (!flag.load()) {
      }
    });
    t.join();
  }, o);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.findings.front().kind, weft::finding_kind::livelock) << r.findings.front().message;
  EXPECT_NE(r.findings.front().message.find("step ceiling"), std::string::npos) << r.findings.front().message;
}
TEST(Livelock, ASpinThatReadsTheSameVariableEachTimeIsFound) {
  // Reading memory between two looks does not hide a spin when it is the
  // same memory: after the first round nothing read is new. Two spinners: a
  // thread spinning alone waits for no one (the step ceiling ends it).
  const weft::result r = weft::check([] {
    weft::atomic<bool> flag{false};
    weft::var<int> config{7};
    const auto spin = [&] {
      int seen = 0;
      while (!flag.load()) seen += config.load();
      (void)seen;
    };
    weft::thread t(spin);
    weft::thread u(spin);
    t.join();
    u.join();
  }, budget(1));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.findings.front().kind, weft::finding_kind::livelock) << r.findings.front().message;
  EXPECT_NE(r.findings.front().message.find("futile"), std::string::npos) << r.findings.front().message;
}
TEST(Livelock, PollingUnderALockForSomethingNeverPutIsFound) {
  // Giving way counts no futile step, so the poll that can never end is
  // caught by the step ceiling, as any loop without end.
  weft::options o = budget(3);
  o.max_steps = 20'000;
  expect_found([] { poll_under_a_lock(1, 2); }, weft::finding_kind::livelock, o);
}

/// `threads` threads each lock a shared mutex `operations` times.
void many_lockers(int threads, int operations) {
  weft::mutex m;
  weft::var<long> total{0};
  std::vector<weft::thread> ts;
  for (int i = 0; i < threads; ++i) {
    ts.emplace_back([&] {
      for (int k = 0; k < operations; ++k) {
        std::lock_guard g(m);
        total = total + 1;
      }
    });
  }
  for (auto& t : ts) t.join();
  WEFT_ASSERT(total == long{threads} * operations);
}
// One execution per strategy under the sanitizers.
constexpr std::uint64_t big_program_executions = weft::testing::sanitized_build ? 1 : 5;
TEST(Livelock, ProgramSizeIsNotALivelock128x10) {
  expect_clean_under_every_strategy([] { many_lockers(128, 10); }, 4 * big_program_executions);
}
TEST(Livelock, ProgramSizeIsNotALivelock256x20) {
  // Every unlock wakes all 255 waiters, and the next lock puts those that
  // lost the race back to sleep (execution::reblock_waiters).
  expect_clean_under_every_strategy([] { many_lockers(256, 20); }, big_program_executions);
}
/// One execution of a thread that counts for ever, up to `max_steps`.
weft::result count_for_ever(std::uint64_t max_steps) {
  weft::options o = budget(1);
  o.max_steps = max_steps;
  return weft::check([] {
    weft::atomic<int> n{0};
    weft::thread t([&] {
      for (;;) n.fetch_add(1);
    });
    t.join();
  }, o);
}
TEST(Livelock, StepCeilingSaysItIsACeiling) {
  // A loop that keeps changing state is not futile; only the hard ceiling stops it.
  const weft::result r = count_for_ever(5000);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.findings.front().kind, weft::finding_kind::livelock);
  EXPECT_NE(r.findings.front().message.find("step ceiling"), std::string::npos) << r.findings.front().message;
}
TEST(Livelock, AtTheStepCeilingTheTraceKeepsItsTail) {
  // 50,000 steps: the finding's trace is the last 10,000 to 20,000 events,
  // ending with the step the ceiling stopped (a full trace made reports of
  // tens of megabytes).
  const weft::result r = count_for_ever(50'000);
  ASSERT_FALSE(r.ok());
  const std::vector<weft::trace_event>& trace = r.findings.front().trace;
  EXPECT_GE(trace.size(), 10'000u);
  EXPECT_LE(trace.size(), 20'000u);
  ASSERT_FALSE(trace.empty());
  EXPECT_GT(trace.front().step, 30'000u) << "the tail, not the start";
  EXPECT_EQ(trace.back().thread, 1u);
}

// --- a thread that ends holding a mutex ----------------------------------------------------
// The mutexes are globals, so that no destructor sees them held: what is
// reported is the thread's end.
weft::mutex left_locked;
weft::mutex also_left_locked;
TEST(Misuse, ThreadEndingWithAMutexHeldIsNamed) {
  const weft::result r = weft::check([] {
    weft::mutex& m = left_locked;
    weft::thread t([&] { m.lock(); });  // BUG: never unlocked
    t.join();
  }, budget(100));
  ASSERT_FALSE(r.ok());
  const weft::finding& f = r.findings.front();
  EXPECT_EQ(f.kind, weft::finding_kind::misuse) << f.message;
  EXPECT_EQ(f.subkind, weft::finding_subkind::held_at_end) << f.message;
  EXPECT_NE(f.message.find("thread 1"), std::string::npos) << f.message;
  EXPECT_NE(f.message.find("mutex#"), std::string::npos) << f.message;
  EXPECT_NE(f.message.find("progress_test.cpp"), std::string::npos) << "where it was locked: " << f.message;
}
TEST(Misuse, ThreadEndingWithAMutexHeldWhileAnotherWaits) {
  expect_found([] {
    weft::mutex& m = also_left_locked;
    weft::thread t([&] { m.lock(); });  // BUG: never unlocked
    weft::thread u([&] { std::lock_guard g(m); });
    t.join();
    u.join();
  }, weft::finding_subkind::held_at_end);
}
TEST(Misuse, ThreadThatUnlocksBeforeEndingIsClean) {
  expect_clean_under_every_strategy([] {
    weft::mutex m;
    weft::thread t([&] {
      m.lock();
      m.unlock();
    });
    weft::thread u([&] { std::lock_guard g(m); });
    t.join();
    u.join();
  }, 500);
}

}  // namespace
