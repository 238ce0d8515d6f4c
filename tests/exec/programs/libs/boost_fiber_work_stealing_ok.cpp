// Boost.Fiber's work_stealing scheduler on two threads: the main thread
// launches fibers that fill their own slot of a vector and hand a result
// back through a fibers::promise; either thread may run (steal) any fiber,
// so a fiber's writes happen on a thread other than the one that reads
// them. A fibers::barrier keeps the helper thread in the pool until the
// work is done, and a fiber condition_variable tells it so. Correct.
// weft-exec-expect: clean
#include <boost/fiber/all.hpp>
#include <cstdio>
#include <thread>
#include <vector>

int main() {
  constexpr int workers = 2;
  constexpr int jobs = 4;
  boost::fibers::barrier started(workers);
  boost::fibers::mutex done_mutex;
  boost::fibers::condition_variable done_changed;
  bool done = false;
  std::thread helper([&] {
    boost::fibers::use_scheduling_algorithm<boost::fibers::algo::work_stealing>(workers);
    started.wait();
    std::unique_lock<boost::fibers::mutex> lock(done_mutex);
    done_changed.wait(lock, [&] { return done; });
  });
  boost::fibers::use_scheduling_algorithm<boost::fibers::algo::work_stealing>(workers);
  started.wait();
  std::vector<long> squares(jobs, 0);
  std::vector<boost::fibers::future<long>> results;
  for (int j = 0; j < jobs; ++j) {
    boost::fibers::promise<long> p;
    results.push_back(p.get_future());
    boost::fibers::fiber([&squares, j, p = std::move(p)]() mutable {
      squares[j] = long(j) * j;
      boost::this_fiber::yield();
      p.set_value(squares[j] + 1);
    }).detach();
  }
  long total = 0;
  for (auto& r : results) total += r.get();
  for (long s : squares) total += s;
  {
    std::unique_lock<boost::fibers::mutex> lock(done_mutex);
    done = true;
  }
  done_changed.notify_all();
  helper.join();
  std::printf("total %ld\n", total);
  return total == 2 * (0 + 1 + 4 + 9) + jobs ? 0 : 1;
}
