// Boost.Lockfree's single-producer single-consumer queue
// (boost::lockfree::spsc_queue), misused: two threads push. Both read the
// same write index and construct their element in the same slot: the
// slot's writes race, and one value is lost.
// weft-exec-expect: data_race|crash|exit
#include <boost/lockfree/spsc_queue.hpp>
#include <thread>

int main() {
  boost::lockfree::spsc_queue<int, boost::lockfree::capacity<4>> queue;
  std::thread a([&] { queue.push(1); });
  std::thread b([&] { queue.push(2); });
  a.join();
  b.join();
  int sum = 0;
  for (int v = 0; queue.pop(v);) sum += v;
  return sum == 3 ? 0 : 1;
}
