// C++20 synchronisation from the standard library, used correctly: a
// configuration swapped through std::atomic<std::shared_ptr> while a reader
// loads it (libstdc++ guards the pointer with a lock bit it drops with a
// relaxed fetch_sub, which weft takes as the mutex release it is meant to
// be), an atomic_flag spinlock that waits instead of spinning, timed and
// shared timed mutexes with timeouts, and std::osyncstream from two
// threads. Correct.
// weft-exec-expect: clean
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <syncstream>
#include <thread>
#include <vector>

struct config {
  int version;
  int limit;
};

int main() {
  int ok = 1;
  // std::atomic<std::shared_ptr>: a reader sees a whole config, old or new.
  std::atomic<std::shared_ptr<const config>> current{std::make_shared<const config>(config{1, 10})};
  std::thread writer([&] { current.store(std::make_shared<const config>(config{2, 20})); });
  std::thread reader([&] {
    auto c = current.load();
    if (c->limit != c->version * 10) std::abort();
  });
  writer.join();
  reader.join();
  ok &= current.load()->version == 2;

  // atomic_flag as a spinlock that waits instead of spinning.
  std::atomic_flag busy;
  int shared = 0;
  auto add = [&] {
    for (int i = 0; i < 3; ++i) {
      while (busy.test_and_set(std::memory_order_acquire)) busy.wait(true, std::memory_order_relaxed);
      ++shared;
      busy.clear(std::memory_order_release);
      busy.notify_one();
    }
  };
  std::thread a(add), b(add);
  a.join();
  b.join();
  ok &= shared == 6;

  // timed_mutex and shared_timed_mutex with timeouts.
  std::timed_mutex tm;
  std::shared_timed_mutex stm;
  int guarded = 0;
  std::thread t1([&] {
    if (tm.try_lock_for(std::chrono::milliseconds(50))) {
      ++guarded;
      tm.unlock();
    }
    std::shared_lock s(stm, std::chrono::milliseconds(50));
  });
  std::thread t2([&] {
    std::unique_lock l(tm);
    ++guarded;
    std::unique_lock w(stm, std::try_to_lock);
  });
  t1.join();
  t2.join();
  ok &= guarded >= 1;

  // osyncstream from two threads.
  std::thread p1([] { std::osyncstream(std::cout) << "one\n"; });
  std::thread p2([] { std::osyncstream(std::cout) << "two\n"; });
  p1.join();
  p2.join();
  return ok ? 0 : 1;
}
