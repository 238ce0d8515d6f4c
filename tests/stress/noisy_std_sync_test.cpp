// Tests of weft::noisy_std_sync: it is a Sync policy with the std types'
// behaviour, and its noise is seeded.
#include "weft/noisy_std_sync.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <mutex>
#include <shared_mutex>
#include <stdexcept>
#include <vector>

#include "weft/models/counter.hpp"
#include "weft/scenario_shape.hpp"

namespace {

using Sync = weft::noisy_std_sync;
static_assert(weft::sync_policy<Sync>);

std::vector<std::uint64_t> stream_after_seed(std::uint64_t seed) {
  Sync::seed(seed);
  std::vector<std::uint64_t> out;
  for (int k = 0; k < 8; ++k) out.push_back(weft::noisy::detail::next());
  return out;
}

TEST(NoisyStdSync, SeedDeterminesTheStream) {
  EXPECT_EQ(stream_after_seed(42), stream_after_seed(42));
  EXPECT_NE(stream_after_seed(42), stream_after_seed(43));
}

TEST(NoisyStdSync, ThreadStreamsDeriveFromTheCreator) {
  auto child_streams = [](std::uint64_t seed) {
    Sync::seed(seed);
    std::vector<std::uint64_t> firsts(3);
    for (std::size_t i = 0; i < firsts.size(); ++i) {
      Sync::thread t([&firsts, i] { firsts[i] = weft::noisy::detail::next(); });
      t.join();
    }
    return firsts;
  };
  const auto a = child_streams(7);
  EXPECT_EQ(a, child_streams(7));
  EXPECT_NE(a[0], a[1]);
}

TEST(NoisyStdSync, MutexesAndConditionVariableSynchronise) {
  Sync::mutex m;
  Sync::condition_variable cv;
  Sync::var<int> stage{0};
  Sync::thread t([&] {
    std::unique_lock lock(m);
    cv.wait(lock, [&] { return stage.load() == 1; });
    stage.store(2);
    cv.notify_all();
  });
  {
    std::lock_guard lock(m);
    stage.store(1);
  }
  cv.notify_one();
  {
    std::unique_lock lock(m);
    EXPECT_TRUE(cv.wait_for(lock, std::chrono::seconds(10), [&] { return stage.load() == 2; }));
  }
  t.join();
  std::unique_lock lock(m);
  EXPECT_EQ(cv.wait_for(lock, std::chrono::milliseconds(1)), std::cv_status::timeout);
}

TEST(NoisyStdSync, ConditionVariableAnyWaitsOnAnyLock) {
  Sync::shared_mutex m;
  Sync::condition_variable_any cv;
  bool ready = false;
  Sync::thread t([&] {
    std::unique_lock lock(m);
    ready = true;
    cv.notify_all();
  });
  {
    std::unique_lock lock(m);
    cv.wait(lock, [&] { return ready; });
  }
  t.join();
  std::shared_lock reader(m);
  EXPECT_TRUE(ready);
}

TEST(NoisyStdSync, RecursiveAndSharedMutexes) {
  Sync::recursive_mutex rm;
  rm.lock();
  EXPECT_TRUE(rm.try_lock());
  rm.unlock();
  rm.unlock();
  Sync::shared_mutex sm;
  sm.lock_shared();
  EXPECT_TRUE(sm.try_lock_shared());
  sm.unlock_shared();
  sm.unlock_shared();
  EXPECT_TRUE(sm.try_lock());
  sm.unlock();
}

TEST(NoisyStdSync, SemaphoreCounts) {
  Sync::counting_semaphore<4> sem(2);
  EXPECT_TRUE(sem.try_acquire());
  sem.acquire();
  EXPECT_FALSE(sem.try_acquire_for(std::chrono::milliseconds(1)));
  Sync::thread t([&] { sem.release(2); });
  sem.acquire();
  t.join();
  EXPECT_TRUE(sem.try_acquire());
  EXPECT_FALSE(sem.try_acquire());
}

TEST(NoisyStdSync, AtomicHasTheStdInterface) {
  Sync::atomic<long> a{5};
  EXPECT_EQ(a.fetch_add(2), 5);
  EXPECT_EQ(++a, 8);
  EXPECT_EQ(a--, 8);
  a += 10;
  EXPECT_EQ(a.load(std::memory_order_acquire), 17);
  long expected = 3;
  EXPECT_FALSE(a.compare_exchange_strong(expected, 4));
  EXPECT_EQ(expected, 17);
  EXPECT_TRUE(a.compare_exchange_strong(expected, 4));
  EXPECT_EQ(a.exchange(1), 4);
  a |= 6;
  EXPECT_EQ(static_cast<long>(a), 7);
  Sync::atomic<bool> flag;
  EXPECT_FALSE(flag.load());
  flag = true;
  EXPECT_TRUE(flag);
  int cells[3] = {};
  Sync::atomic<int*> p{cells};
  p.fetch_add(2);
  EXPECT_EQ(p.load(), cells + 2);
}

TEST(NoisyStdSync, VarIsAPlainValue) {
  Sync::var<std::vector<int>> v;
  v.write().push_back(1);
  v = std::vector<int>{1, 2};
  EXPECT_EQ(v.read().size(), 2u);
  EXPECT_EQ(static_cast<std::vector<int>>(v).back(), 2);
}

TEST(NoisyStdSync, RunsModelScenariosOnRealThreads) {
  weft::models::locked_counter<Sync> counter;
  std::vector<Sync::thread> threads;
  for (int i = 0; i < 4; ++i)
    threads.emplace_back([&] {
      for (int k = 0; k < 100; ++k) counter.increment();
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(counter.value(), 400);
}

TEST(NoisyStdSync, ThreadExceptionGoesToTheHandlerWhenOneIsSet) {
  static int caught = 0;
  weft::noisy::detail::on_thread_exception.store([](std::exception_ptr) noexcept { ++caught; });
  Sync::thread t([] { throw std::runtime_error("x"); });
  t.join();
  weft::noisy::detail::on_thread_exception.store(nullptr);
  EXPECT_EQ(caught, 1);
}

}  // namespace
