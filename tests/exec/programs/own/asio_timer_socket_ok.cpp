// Boost.Asio as networking code writes it: one io_context run by two
// threads, a read on one end of a socket pair, a write posted from the
// other end, and two steady_timers (10 ms and 20 ms). Asio arms a timerfd
// for what is left of each deadline by the steady clock, which is logical
// under weft exec; the process then waits in epoll for the real timer. Each
// real wait used to move logical time by no more than a clock read, so the
// timer was re-armed again and again: 4.5 s per execution with the 10 ms
// timer alone (longer timers in proportion, past the 10 s watchdog from
// about 25 ms: a "hang" on a correct program). Now logical time passes as
// real time does while the whole process waits for the outside. Correct.
// weft-exec-expect: clean
#include <boost/asio.hpp>
#include <boost/asio/local/connect_pair.hpp>
#include <chrono>
#include <cstdio>
#include <string>
#include <thread>

namespace asio = boost::asio;

int main() {
  asio::io_context io;
  asio::local::stream_protocol::socket a(io), b(io);
  asio::local::connect_pair(a, b);
  std::string got;
  char buffer[16];
  b.async_read_some(asio::buffer(buffer), [&](boost::system::error_code error, std::size_t n) {
    if (!error) got.assign(buffer, n);
  });
  asio::steady_timer soon(io, std::chrono::milliseconds(10)), later(io, std::chrono::milliseconds(20));
  int fired = 0;
  soon.async_wait([&](boost::system::error_code error) { fired += error ? 0 : 1; });
  later.async_wait([&](boost::system::error_code error) { fired += error ? 0 : 10; });
  asio::post(io, [&] { asio::write(a, asio::buffer(std::string("ping"))); });
  std::thread helper([&] { io.run(); });
  io.run();
  helper.join();
  std::printf("%s %d\n", got.c_str(), fired);
  return got == "ping" && fired == 11 ? 0 : 1;
}
