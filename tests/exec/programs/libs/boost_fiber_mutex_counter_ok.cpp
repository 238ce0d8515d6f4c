// Boost.Fiber: three threads, each running two fibers that add to one
// counter under a boost::fibers::mutex (lock_guard), and one fiber that
// waits on a boost::fibers::condition_variable until all six are done.
// The fiber mutex and condition variable are compiled in libboost_fiber;
// they order the counter between threads. Correct.
// weft-exec-expect: clean
#include <boost/fiber/all.hpp>
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

int main() {
  boost::fibers::mutex m;
  boost::fibers::condition_variable all_done;
  int counter = 0;
  int finished = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < 3; ++t) {
    threads.emplace_back([&] {
      auto add = [&] {
        for (int i = 0; i < 2; ++i) {
          std::lock_guard<boost::fibers::mutex> lock(m);
          ++counter;
        }
        std::lock_guard<boost::fibers::mutex> lock(m);
        if (++finished == 6) all_done.notify_all();
      };
      boost::fibers::fiber a(add), b(add);
      a.join();
      b.join();
    });
  }
  {
    std::unique_lock<boost::fibers::mutex> lock(m);
    all_done.wait(lock, [&] { return finished == 6; });
    std::printf("counter %d\n", counter);
  }
  for (auto& t : threads) t.join();
  return counter == 12 ? 0 : 1;
}
