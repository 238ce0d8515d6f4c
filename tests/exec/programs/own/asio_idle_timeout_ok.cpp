// Boost.Asio with timers as servers set them: a 30 s idle timeout that a
// session re-arms on each message, and a periodic 12 s status report, on an
// io_context run by two threads. A client sends two messages 12 s apart over
// a socket pair, each acknowledged by the session, and closes it 1 s later;
// the server stops after its third report (36 s in). Asio's reactor waits on
// a timerfd: under weft exec it fires in logical time, so an execution takes
// milliseconds; with the real timer every execution waited for the reports
// in real time, past the watchdog (a "hang" on a correct program). Nothing
// here counts on a sleep to order threads (weft lets a sleeper wake before
// busy threads run): the client waits for each acknowledgement. Correct.
// weft-exec-expect: clean
#include <boost/asio.hpp>
#include <boost/asio/local/connect_pair.hpp>
#include <chrono>
#include <cstdio>
#include <functional>
#include <thread>

namespace asio = boost::asio;
using namespace std::chrono_literals;

int main() {
  asio::io_context io;
  auto guard = asio::make_work_guard(io);
  asio::local::stream_protocol::socket server(io), client(io);
  asio::local::connect_pair(server, client);
  asio::strand<asio::io_context::executor_type> session(io.get_executor());
  asio::steady_timer idle(session), status(session);
  int messages = 0, reports = 0;
  bool timed_out = false, closed = false;
  char buffer[32];

  std::function<void()> arm_idle = [&] {
    idle.expires_after(30s);
    idle.async_wait([&](boost::system::error_code error) {
      if (error) return;  // re-armed or cancelled
      timed_out = true;
      server.close();
    });
  };
  const auto stop = [&] {
    idle.cancel();
    guard.reset();
  };
  std::function<void()> report = [&] {
    status.expires_after(12s);
    status.async_wait([&](boost::system::error_code error) {
      if (error) return;
      if (++reports < 3) {
        report();
      } else if (closed) {
        stop();
      }
    });
  };
  std::function<void()> read = [&] {
    server.async_read_some(asio::buffer(buffer),
                           asio::bind_executor(session, [&](boost::system::error_code error, std::size_t) {
                             if (error) {  // the client closed: the session ends, the reports go on to the third
                               closed = true;
                               idle.cancel();
                               if (reports >= 3) stop();
                               return;
                             }
                             ++messages;
                             arm_idle();
                             asio::write(server, asio::buffer("k", 1));  // the acknowledgement
                             read();
                           }));
  };
  asio::post(session, [&] {
    arm_idle();
    report();
    read();
  });

  std::thread client_thread([&] {
    char ack[1];
    asio::write(client, asio::buffer("hello", 5));
    asio::read(client, asio::buffer(ack));
    std::this_thread::sleep_for(12s);
    asio::write(client, asio::buffer("again", 5));
    asio::read(client, asio::buffer(ack));
    std::this_thread::sleep_for(1s);
    client.close();
  });
  std::thread second([&] { io.run(); });
  io.run();
  second.join();
  client_thread.join();
  if (messages != 2 || timed_out || !closed || reports != 3) {
    std::fprintf(stderr, "messages %d, reports %d, timed out %d, closed %d\n", messages, reports, timed_out, closed);
    return 1;
  }
  std::printf("2 messages, 3 status reports, no idle timeout\n");
  return 0;
}
