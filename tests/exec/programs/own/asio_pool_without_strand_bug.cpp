// The strand program's twin that posts the counting handlers to the pool
// itself: two pool threads may run them at once, and the unlocked counter
// races. Buggy.
// weft-exec-expect: data_race
#include <boost/asio.hpp>
#include <cstdio>

int main() {
  boost::asio::thread_pool pool(2);
  int counter = 0;
  for (int i = 0; i < 4; ++i) boost::asio::post(pool, [&counter] { ++counter; });
  pool.join();
  std::printf("%d\n", counter);
  return 0;
}
