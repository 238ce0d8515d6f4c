// Boost.Fiber: a ping-pong between a fiber on a second thread and the main
// fiber over two unbuffered_channels (each push waits for its pop), then a
// boost::fibers::async task and packaged_task on the second thread whose
// futures main reads. Correct.
// weft-exec-expect: clean
#include <boost/fiber/all.hpp>
#include <cstdio>
#include <string>
#include <thread>

int main() {
  using channel = boost::fibers::unbuffered_channel<std::string>;
  channel ping, pong;
  boost::fibers::promise<boost::fibers::future<int>> handoff;
  auto handed = handoff.get_future();
  std::thread other([&] {
    boost::fibers::fiber player([&] {
      std::string ball;
      for (int i = 0; i < 3; ++i) {
        ping.pop(ball);
        pong.push(ball + "-pong");
      }
    });
    boost::fibers::packaged_task<int(int)> square([](int x) { return x * x; });
    auto squared = square.get_future();
    handoff.set_value(boost::fibers::async([] { return 6 * 7; }));
    boost::fibers::fiber(std::move(square), 9).join();
    player.join();
    std::printf("square %d\n", squared.get());
  });
  std::string back;
  for (int i = 0; i < 3; ++i) {
    ping.push("ping" + std::to_string(i));
    pong.pop(back);
  }
  boost::fibers::future<int> answer = handed.get();
  const int a = answer.get();
  other.join();
  std::printf("%s %d\n", back.c_str(), a);
  return back == "ping2-pong" && a == 42 ? 0 : 1;
}
