// Boost.Asio over loopback TCP: an acceptor and a client in one io_context
// run by two threads; the server echoes five bytes, the client checks them,
// and a steady_timer fires on the side. The bug: the server's accept
// handler and the client's connect handler both count themselves in a
// plain int, with no strand between the two chains of operations, so the
// two threads may run both handlers at once.
// weft-exec-expect: data_race
#include <boost/asio.hpp>
#include <atomic>
#include <cstdio>
#include <string>
#include <thread>

using boost::asio::ip::tcp;

int main() {
  boost::asio::io_context io;
  tcp::acceptor acceptor(io, tcp::endpoint(boost::asio::ip::address_v4::loopback(), 0));
  tcp::socket server(io), client(io);
  std::string inbox(5, '\0'), echo(5, '\0');
  std::atomic<int> timer_fired{0};
  int handlers_run = 0;
  boost::asio::steady_timer timer(io, std::chrono::milliseconds(1));
  timer.async_wait([&](boost::system::error_code) { timer_fired = 1; });
  acceptor.async_accept(server, [&](boost::system::error_code ec) {
    if (ec) return;
    ++handlers_run;
    boost::asio::async_read(server, boost::asio::buffer(inbox), [&](boost::system::error_code ec, std::size_t) {
      if (ec) return;
      boost::asio::async_write(server, boost::asio::buffer(inbox), [](boost::system::error_code, std::size_t) {});
    });
  });
  client.async_connect(acceptor.local_endpoint(), [&](boost::system::error_code ec) {
    if (ec) return;
    ++handlers_run;
    boost::asio::async_write(client, boost::asio::buffer("hello", 5), [&](boost::system::error_code ec, std::size_t) {
      if (ec) return;
      boost::asio::async_read(client, boost::asio::buffer(echo), [](boost::system::error_code, std::size_t) {});
    });
  });
  std::thread other([&] { io.run(); });
  io.run();
  other.join();
  std::printf("echo %s timer %d handlers %d\n", echo.c_str(), timer_fired.load(), handlers_run);
  return echo == "hello" && timer_fired == 1 ? 0 : 1;
}
