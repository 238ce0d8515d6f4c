// Boost.Asio's thread_pool with a strand: handlers posted to the strand
// never run at once, so the counter they share needs no lock; handlers
// posted to the pool itself write to slots of their own. Correct.
// weft-exec-expect: clean
#include <boost/asio.hpp>
#include <cstdio>
#include <vector>

int main() {
  boost::asio::thread_pool pool(2);
  auto strand = boost::asio::make_strand(pool.get_executor());
  int counter = 0;  // touched on the strand only
  for (int i = 0; i < 4; ++i) boost::asio::post(strand, [&counter] { ++counter; });
  std::vector<int> slots(4, 0);
  for (int i = 0; i < 4; ++i) boost::asio::post(pool, [&slots, i] { slots[i] = i * i; });
  pool.join();
  std::printf("%d %d\n", counter, slots[3]);
  return counter == 4 && slots[3] == 9 ? 0 : 1;
}
