// Fair scheduling's index against its pass: with three or more runnable
// threads the runtime finds the threads that gave way and may run again
// from an index kept across scheduling points (fairness.cpp's offer_fairly);
// with fewer it passes over every thread (apply_fairness). Both must offer
// the strategy exactly the same threads at every point, so the same
// schedules are explored: each body here records the order in which its
// threads ran, over every execution, and the record must be the same with
// the index and with the pass forced everywhere — under every strategy, on
// spinning, polling, blocking, sleeping and livelocked threads.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "../support/weft_expect.hpp"
#include "runtime/execution.hpp"

namespace {

using weft::testing::all_strategies;
using weft::testing::budget;

// Fewer executions under the sanitizers.
constexpr std::uint64_t executions = weft::testing::sanitized_build ? 20 : 150;

/// Which thread ran, in order, over all the executions of one check.
std::vector<int> ran;

/// A scenario: `threads` threads running `body(id)`, the record of who ran
/// kept by the body itself.
void spawn_all(int threads, const std::function<void(int)>& body) {
  std::vector<weft::thread> ts;
  for (int id = 0; id < threads; ++id) ts.emplace_back(body, id);
  for (auto& t : ts) t.join();
}

/// Spinning with yields until all have arrived.
void yield_barrier() {
  weft::atomic<int> arrived{0};
  spawn_all(6, [&](int id) {
    arrived.fetch_add(1);
    while (arrived.load() < 6) {
      ran.push_back(id);
      weft::this_thread::yield();
    }
  });
}

/// The same with 130 threads, the last arriving late: the thread sets span
/// three words.
void wide_yield_barrier() {
  constexpr int threads = 130;
  weft::atomic<int> arrived{0};
  spawn_all(threads, [&](int id) {
    if (id == threads - 1) {
      for (int i = 0; i < 10; ++i) weft::this_thread::yield();
    }
    arrived.fetch_add(1);
    while (arrived.load() < threads) {
      ran.push_back(id);
      weft::this_thread::yield();
    }
  });
}

/// Re-reading a flag nobody changed (no yield) until the last thread sets it.
void spin_on_flag() {
  weft::atomic<bool> go{false};
  spawn_all(5, [&](int id) {
    if (id == 4) {
      for (int i = 0; i < 3; ++i) ran.push_back(id);
      go.store(true);
      return;
    }
    while (!go.load()) ran.push_back(id);
  });
}

/// try_lock in a loop: failed attempts hold a thread back.
void try_lock_pollers() {
  weft::mutex m;
  weft::var<int> total{0};
  spawn_all(4, [&](int id) {
    for (int k = 0; k < 2; ++k) {
      while (!m.try_lock()) ran.push_back(id);
      total = total + 1;
      m.unlock();
    }
  });
  WEFT_ASSERT(total == 8);
}

/// Lockers that block (the runnable set changes at every lock) beside
/// spinners that give way.
void blockers_and_spinners() {
  weft::mutex m;
  weft::atomic<int> done{0};
  spawn_all(6, [&](int id) {
    if (id < 3) {
      for (int k = 0; k < 2; ++k) {
        std::lock_guard g(m);
        ran.push_back(id);
      }
      done.fetch_add(1);
    } else {
      while (done.load() < 3) ran.push_back(id);
    }
  });
}

/// Sleepers polling a flag beside spinners: timed waiters are candidates,
/// so the pass runs; the index must pick up where it left.
void sleepers_and_spinners() {
  weft::atomic<int> stage{0};
  spawn_all(5, [&](int id) {
    if (id < 2) {
      while (stage.load() < 2) {
        ran.push_back(id);
        weft::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
    } else if (id == 4) {
      stage.fetch_add(1);
      ran.push_back(id);
      stage.fetch_add(1);
    } else {
      while (stage.load() < 2) ran.push_back(id);
    }
  });
}

/// Two threads politely backing off forever (a livelock) beside two that
/// spin until one of them got both locks, which never happens.
void livelock_among_spinners() {
  weft::mutex a, b;
  weft::atomic<bool> through{false};
  spawn_all(4, [&](int id) {
    if (id >= 2) {
      while (!through.load()) ran.push_back(id);
      return;
    }
    weft::mutex& mine = id == 0 ? a : b;
    weft::mutex& theirs = id == 0 ? b : a;
    std::lock_guard g(mine);
    while (!theirs.try_lock()) {
      ran.push_back(id);
      weft::this_thread::yield();
    }
    theirs.unlock();
    through.store(true);
  });
}

struct outcome {
  std::vector<int> ran;
  std::uint64_t steps = 0;
  std::string findings;
};

outcome check_with(void (*body)(), const weft::options& o, std::uint32_t index_from) {
  const std::uint32_t saved = weft::detail::fair_index_from;
  weft::detail::fair_index_from = index_from;
  ran.clear();
  const weft::result r = weft::check(body, o);
  weft::detail::fair_index_from = saved;
  outcome out{ran, r.stats.steps, ""};
  for (const weft::finding& f : r.findings) out.findings += weft::testing::first_finding(r) + " @ " + f.schedule + "\n";
  return out;
}

struct scenario {
  const char* name;
  void (*body)();
};

TEST(FairnessIndex, OffersTheSameThreadsAsThePassUnderEveryStrategy) {
  const scenario scenarios[] = {
      {"yield_barrier", yield_barrier},
      {"spin_on_flag", spin_on_flag},
      {"try_lock_pollers", try_lock_pollers},
      {"blockers_and_spinners", blockers_and_spinners},
      {"sleepers_and_spinners", sleepers_and_spinners},
      {"livelock_among_spinners", livelock_among_spinners},
  };
  constexpr std::uint32_t never = ~std::uint32_t{0};
  for (const scenario& s : scenarios) {
    std::size_t records = 0;
    for (weft::strategy_kind k : all_strategies()) {
      SCOPED_TRACE(std::string(s.name) + " under " + std::string(weft::to_string(k)));
      weft::options o = budget(executions, k);
      o.seed = 7;
      o.shrink_seconds = 0;  // a time budget: the records would depend on the machine
      const outcome indexed = check_with(s.body, o, 3);
      const outcome passed = check_with(s.body, o, never);
      records += indexed.ran.size();
      EXPECT_EQ(indexed.steps, passed.steps);
      EXPECT_EQ(indexed.findings, passed.findings);
      EXPECT_TRUE(indexed.ran == passed.ran) << "the index offered other threads than the pass (" << indexed.ran.size()
                                             << " and " << passed.ran.size() << " records)";
    }
    EXPECT_GT(records, 10 * executions) << s.name << " hardly spun: it tests nothing";
  }
}

TEST(FairnessIndex, OffersTheSameThreadsAsThePassToManyThreads) {
  for (weft::strategy_kind k : {weft::strategy_kind::random, weft::strategy_kind::pct, weft::strategy_kind::dfs}) {
    SCOPED_TRACE(std::string(weft::to_string(k)));
    weft::options o = budget(3, k);
    o.shrink_seconds = 0;
    const outcome indexed = check_with(wide_yield_barrier, o, 3);
    const outcome passed = check_with(wide_yield_barrier, o, ~std::uint32_t{0});
    EXPECT_GT(indexed.ran.size(), 1000u);
    EXPECT_EQ(indexed.steps, passed.steps);
    EXPECT_TRUE(indexed.ran == passed.ran) << "the index offered other threads than the pass";
  }
}

TEST(FairnessIndex, TheLivelockIsFoundEitherWay) {
  weft::options o = budget(300, weft::strategy_kind::random);
  o.shrink_seconds = 0;
  const outcome indexed = check_with(livelock_among_spinners, o, 3);
  EXPECT_NE(indexed.findings.find("livelock"), std::string::npos) << indexed.findings;
}

}  // namespace
