// The shutdown of own/asio_signal_set_shutdown_ok.cpp, but the SIGTERM
// handler stops the io_context at once instead of after the results queued
// on the strand: results the worker posted before its SIGTERM may never
// run, and the total comes out short. Buggy.
// weft-exec-expect: exit
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
    io.stop();  // BUG: the results posted before the signal may not have run
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
