// Boost.Fiber: two threads each run a fiber that takes values from one
// buffered_channel and adds them to a shared total. The bug: the total is
// a plain long with no fiber mutex around it, and the two fibers run on
// different threads, so two additions may overlap.
// weft-exec-expect: data_race
#include <boost/fiber/all.hpp>
#include <cstdio>
#include <thread>

int main() {
  boost::fibers::buffered_channel<int> values(8);
  long total = 0;
  auto consume = [&] {
    boost::fibers::fiber adder([&] {
      int v = 0;
      while (values.pop(v) == boost::fibers::channel_op_status::success) total += v;
    });
    adder.join();
  };
  std::thread first(consume);
  std::thread second(consume);
  for (int i = 1; i <= 6; ++i) values.push(i);
  values.close();
  first.join();
  second.join();
  std::printf("total %ld\n", total);
  return 0;
}
