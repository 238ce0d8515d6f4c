// Boost.Fiber's work_stealing scheduler on two threads, as in
// boost_fiber_work_stealing_ok.cpp, but the main fiber reads the slots the
// detached fibers fill after only yielding once, without waiting for their
// futures. The bug: a fiber the other thread stole may still be writing its
// slot while main reads it.
// weft-exec-expect: data_race
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
  std::vector<boost::fibers::future<void>> finished;
  for (int j = 0; j < jobs; ++j) {
    boost::fibers::promise<void> p;
    finished.push_back(p.get_future());
    boost::fibers::fiber([&squares, j, p = std::move(p)]() mutable {
      squares[j] = long(j) * j;
      p.set_value();
    }).detach();
  }
  boost::this_fiber::yield();
  long total = 0;
  for (long s : squares) total += s;  // before the futures say the slots are filled
  for (auto& f : finished) f.get();
  {
    std::unique_lock<boost::fibers::mutex> lock(done_mutex);
    done = true;
  }
  done_changed.notify_all();
  helper.join();
  std::printf("total %ld\n", total);
  return 0;
}
