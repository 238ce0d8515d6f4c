// Boost.Fiber: two threads each run a fiber that takes two
// boost::fibers::mutex, in opposite orders, and yields to the other fibers
// of its thread in between. The bug: with one fiber holding each mutex,
// both wait for the other for ever, and so do their threads' schedulers.
// weft-exec-expect: deadlock
#include <boost/fiber/all.hpp>
#include <cstdio>
#include <mutex>
#include <thread>

int main() {
  boost::fibers::mutex accounts, audit;
  int balance = 0;
  auto transfer = [&](boost::fibers::mutex& first, boost::fibers::mutex& second) {
    return std::thread([&] {
      boost::fibers::fiber([&] {
        std::lock_guard<boost::fibers::mutex> a(first);
        boost::this_fiber::yield();
        std::lock_guard<boost::fibers::mutex> b(second);
        ++balance;
      }).join();
    });
  };
  std::thread left = transfer(accounts, audit);
  std::thread right = transfer(audit, accounts);
  left.join();
  right.join();
  std::printf("balance %d\n", balance);
  return 0;
}
