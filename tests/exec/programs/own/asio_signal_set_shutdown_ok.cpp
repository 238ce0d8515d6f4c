// Graceful shutdown as Boost.Asio servers do it: an asio::signal_set waits
// for SIGTERM and SIGINT on an io_context run by two threads; a worker
// posts its results to a strand as it goes, and when it is done it sends
// SIGTERM to its own process, whose handler stops the io_context. Correct.
// weft-exec-expect: clean
#include <signal.h>
#include <unistd.h>

#include <boost/asio.hpp>
#include <cstdio>
#include <thread>

namespace asio = boost::asio;

int main() {
  asio::io_context io;
  asio::strand<asio::io_context::executor_type> results(io.get_executor());
  asio::signal_set signals(io, SIGTERM, SIGINT);
  int total = 0, received = 0;
  signals.async_wait([&](boost::system::error_code error, int signal) {
    if (!error) received = signal;
    asio::post(results, [&] { io.stop(); });  // after the results already posted
  });
  std::thread worker([&] {
    for (int i = 1; i <= 4; ++i) asio::post(results, [&total, i] { total += i; });
    ::kill(::getpid(), SIGTERM);
  });
  std::thread second([&] { io.run(); });
  io.run();
  second.join();
  worker.join();
  if (received != SIGTERM || total != 10) {
    std::fprintf(stderr, "signal %d, total %d\n", received, total);
    return 1;
  }
  std::puts("stopped by SIGTERM after every result");
  return 0;
}
