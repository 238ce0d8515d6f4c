// ZeroMQ's messages inside an execution of weft exec: what a thread wrote
// before it sent a message happens before what the thread that received the
// message reads after.
//
// A worker fills a job and sends it (or a pointer to it) over an inproc
// socket; the receiving thread reads the job. libzmq orders the two through
// its lock-free pipes (ypipe: compare-and-swap on a pointer inside
// libzmq.so, which ThreadSanitizer's instrumentation never saw), and wakes
// a sleeping receiver through its mailbox's eventfd only when the receiver
// had found the pipe empty: a receiver that found the message already there
// read it with nothing ordered, a false data race at the third execution
// under every strategy. So the send and receive entry points are defined
// here: a send releases into one clock before the real call, a receive that
// returned a message acquires it. One clock for every socket can hide a
// race between unrelated sockets, never invent one, as for descriptors.
// Followed: zmq_send, zmq_send_const, zmq_msg_send, zmq_sendmsg; zmq_recv,
// zmq_msg_recv, zmq_recvmsg. A message's free function (zmq_msg_init_data)
// runs as libzmq calls it.
#include <cstddef>

#include "address_objects.hpp"
#include "interpose.hpp"

extern "C" {
// ZeroMQ's entry points by shape, without its header.
struct zmq_msg_t;
int zmq_send(void* socket, const void* buffer, std::size_t length, int flags);
int zmq_send_const(void* socket, const void* buffer, std::size_t length, int flags);
int zmq_msg_send(zmq_msg_t* message, void* socket, int flags);
int zmq_sendmsg(void* socket, zmq_msg_t* message, int flags);
int zmq_recv(void* socket, void* buffer, std::size_t length, int flags);
int zmq_msg_recv(zmq_msg_t* message, void* socket, int flags);
int zmq_recvmsg(void* socket, zmq_msg_t* message, int flags);
}

namespace weft::detail::instrument {
namespace {

constexpr const char* zmq_library = "libzmq.so.5";

WEFT_REAL_IN(zmq_send, zmq_library);
WEFT_REAL_IN(zmq_send_const, zmq_library);
WEFT_REAL_IN(zmq_msg_send, zmq_library);
WEFT_REAL_IN(zmq_sendmsg, zmq_library);
WEFT_REAL_IN(zmq_recv, zmq_library);
WEFT_REAL_IN(zmq_msg_recv, zmq_library);
WEFT_REAL_IN(zmq_recvmsg, zmq_library);

/// The clock every send releases into and every receive acquires.
char messages_sent;

/// A send from the program: a release inside an execution, then the real call.
template <class Send>
int sent(Send send) {
  release_at(&messages_sent);
  return send();
}

/// A receive from the program: the real call, then an acquire inside an
/// execution when it returned a message (-1 with errno set otherwise, kept).
template <class Receive>
int received(Receive receive) {
  const int result = receive();
  if (result >= 0) acquire_at(&messages_sent);
  return result;
}

}  // namespace
}  // namespace weft::detail::instrument

using namespace weft::detail::instrument;

extern "C" {

int zmq_send(void* socket, const void* buffer, std::size_t length, int flags) {
  return sent([&] { return real_zmq_send(socket, buffer, length, flags); });
}
int zmq_send_const(void* socket, const void* buffer, std::size_t length, int flags) {
  return sent([&] { return real_zmq_send_const(socket, buffer, length, flags); });
}
int zmq_msg_send(zmq_msg_t* message, void* socket, int flags) {
  return sent([&] { return real_zmq_msg_send(message, socket, flags); });
}
int zmq_sendmsg(void* socket, zmq_msg_t* message, int flags) {
  return sent([&] { return real_zmq_sendmsg(socket, message, flags); });
}

int zmq_recv(void* socket, void* buffer, std::size_t length, int flags) {
  return received([&] { return real_zmq_recv(socket, buffer, length, flags); });
}
int zmq_msg_recv(zmq_msg_t* message, void* socket, int flags) {
  return received([&] { return real_zmq_msg_recv(message, socket, flags); });
}
int zmq_recvmsg(void* socket, zmq_msg_t* message, int flags) {
  return received([&] { return real_zmq_recvmsg(socket, message, flags); });
}

}  // extern "C"
