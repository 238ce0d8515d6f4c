// Boost.Fiber: fibers on two threads pass values through a
// buffered_channel; the consumer adds them up under a fiber mutex and each
// thread joins its fibers. The channel's spinlock is released inside
// libboost_fiber when a fiber waits, and a fiber blocked on one thread is
// woken from the other: correct, and clean under weft.
// weft-exec-expect: clean
#include <boost/fiber/all.hpp>
#include <cstdio>
#include <thread>

int main() {
  boost::fibers::buffered_channel<int> values(4);
  boost::fibers::mutex guard;
  long total = 0;
  std::thread producer([&] {
    boost::fibers::fiber low([&] {
      for (int i = 1; i <= 3; ++i) values.push(i);
    });
    boost::fibers::fiber high([&] {
      for (int i = 4; i <= 6; ++i) values.push(i);
    });
    low.join();
    high.join();
    values.close();
  });
  std::thread consumer([&] {
    boost::fibers::fiber adder([&] {
      int v = 0;
      while (values.pop(v) == boost::fibers::channel_op_status::success) {
        std::unique_lock<boost::fibers::mutex> lock(guard);
        total += v;
      }
    });
    adder.join();
  });
  producer.join();
  consumer.join();
  std::printf("total %ld\n", total);
  return total == 21 ? 0 : 1;
}
