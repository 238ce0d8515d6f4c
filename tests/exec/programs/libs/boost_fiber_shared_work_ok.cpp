// Boost.Fiber's shared_work algorithm, as in the library's work_sharing
// example: the main thread launches fibers into a pool that two helper
// threads join, a fibers::barrier starts them together, and each fiber
// counts its finish under a fiber mutex; the last one tells main through a
// fiber condition_variable, which then lets the helpers go. Any thread may
// run any fiber. Correct.
// weft-exec-expect: clean
#include <boost/fiber/all.hpp>
#include <cstdio>
#include <mutex>
#include <thread>
#include <vector>

static std::size_t fiber_count = 0;
static boost::fibers::mutex mtx_count;
static boost::fibers::condition_variable_any cnd_count;
using lock_type = std::unique_lock<boost::fibers::mutex>;

void whatevah(int id, std::vector<int>& done) {
  boost::this_fiber::yield();
  done[id] = id + 1;
  lock_type lk(mtx_count);
  if (0 == --fiber_count) cnd_count.notify_all();
}

void helper(std::shared_ptr<boost::fibers::barrier> b) {
  boost::fibers::use_scheduling_algorithm<boost::fibers::algo::shared_work>();
  b->wait();
  lock_type lk(mtx_count);
  cnd_count.wait(lk, [] { return 0 == fiber_count; });
}

int main() {
  boost::fibers::use_scheduling_algorithm<boost::fibers::algo::shared_work>();
  std::vector<int> done(4, 0);
  for (int id = 0; id < 4; ++id) {
    boost::fibers::fiber([id, &done] { whatevah(id, done); }).detach();
    ++fiber_count;
  }
  auto b = std::make_shared<boost::fibers::barrier>(3);
  std::thread threads[] = {std::thread(helper, b), std::thread(helper, b)};
  b->wait();
  {
    lock_type lk(mtx_count);
    cnd_count.wait(lk, [] { return 0 == fiber_count; });
  }
  int sum = 0;
  for (int d : done) sum += d;
  for (auto& t : threads) t.join();
  std::printf("sum %d\n", sum);
  return sum == 10 ? 0 : 1;
}
