// Boost.Asio's echo server as its examples write it: an acceptor and
// sessions kept alive by shared_from_this, async_read_some then async_write
// and read again, on an io_context run by two threads; main's client
// connects over loopback, writes a line and reads it back. Each session's
// state is made by the thread that accepts and registered with the reactor
// (epoll_ctl); the other thread's epoll_wait finds it and runs its reads.
// Without the edge from the registration to the event (internal_fds.cpp),
// this correct program was a false `data_race` at execution 1-2 under every
// strategy, inside asio's epoll_reactor (a descriptor's operation queue).
// weft-exec-expect: clean
// clang-format off
#include <utility>  // before asio: Boost 1.74 asio/awaitable.hpp uses std::exchange without it (g++ 12, C++20)
#include <boost/asio.hpp>
// clang-format on
#include <array>
#include <memory>
#include <string>
#include <thread>
#include <vector>

using boost::asio::ip::tcp;

struct session : std::enable_shared_from_this<session> {
  explicit session(tcp::socket s) : socket(std::move(s)) {}
  void start() { read(); }
  void read() {
    auto self = shared_from_this();
    socket.async_read_some(boost::asio::buffer(data), [self](boost::system::error_code ec, std::size_t n) {
      if (ec) return;
      boost::asio::async_write(self->socket, boost::asio::buffer(self->data, n),
                               [self](boost::system::error_code ec2, std::size_t) {
                                 if (!ec2) self->read();
                               });
    });
  }
  tcp::socket socket;
  std::array<char, 64> data{};
};

int main() {
  boost::asio::io_context io;
  tcp::acceptor acceptor(io, tcp::endpoint(boost::asio::ip::address_v4::loopback(), 0));
  acceptor.async_accept([](boost::system::error_code ec, tcp::socket s) {
    if (!ec) std::make_shared<session>(std::move(s))->start();
  });
  const unsigned short port = acceptor.local_endpoint().port();
  auto guard = boost::asio::make_work_guard(io);
  std::vector<std::thread> runners;
  for (int t = 0; t < 2; ++t) runners.emplace_back([&] { io.run(); });

  boost::asio::io_context client_io;
  tcp::socket client(client_io);
  client.connect(tcp::endpoint(boost::asio::ip::address_v4::loopback(), port));
  const std::string line = "hello, weft\n";
  boost::asio::write(client, boost::asio::buffer(line));
  std::string back(line.size(), '\0');
  boost::asio::read(client, boost::asio::buffer(back));
  client.close();
  guard.reset();
  io.stop();
  for (auto& r : runners) r.join();
  return back == line ? 0 : 1;
}
