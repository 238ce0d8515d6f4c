// POSIX message queues between the threads of an execution of weft exec.
//
// mq_receive on an empty queue, and mq_send on a full one, wait in the
// kernel: under weft, where every logical thread runs on one OS thread,
// that wait held every thread, and a correct producer and consumer that
// talk through a queue were a `hang`. A message queue descriptor is a file
// descriptor that poll answers (readable: a message is there; writable:
// there is room), so these calls wait as a read or write of a pipe does
// (io_interpose.cpp): the weft way until the queue is ready, other threads
// running meanwhile, then the real call, which no longer waits. A message
// sent releases, as a write to a descriptor does, and a message received
// acquires; the timed calls wait until their deadline in logical time
// (ETIMEDOUT, as the kernel answers). A queue opened or set O_NONBLOCK
// answers EAGAIN at once, as before. Each call begins with a scheduling
// point, also when the queue is ready (call_point, io_interpose.cpp).
//
// Not followed: mq_notify's notification (a signal or a new thread when a
// message arrives at an empty queue).
#include <errno.h>
#include <mqueue.h>
#include <poll.h>

#include "address_objects.hpp"
#include "descriptors.hpp"
#include "interpose.hpp"

using namespace weft::detail;
using namespace weft::detail::instrument;

namespace {

WEFT_REAL(mq_send);
WEFT_REAL(mq_timedsend);
WEFT_REAL(mq_receive);
WEFT_REAL(mq_timedreceive);

bool non_blocking(mqd_t queue) {
  mq_attr attributes{};
  return ::mq_getattr(queue, &attributes) != 0 || (attributes.mq_flags & O_NONBLOCK) != 0;
}

/// Waits until `queue` is ready for `events`, until `abstime` (CLOCK_REALTIME,
/// as mq_timed* take it) when given: false, with errno ETIMEDOUT, when that
/// passed first.
bool ready(mqd_t queue, short events, const timespec* abstime, const char* what, const void* pc) {
  call_point(what, pc);  // which message comes first is explored, ready or not
  if (non_blocking(queue)) return true;  // the real call answers EAGAIN, or goes through
  weft::time_point deadline{};
  if (abstime != nullptr) {
    const weft_section weft;
    deadline = logical_deadline(CLOCK_REALTIME, abstime);
  }
  if (wait_until_ready(queue, events, abstime != nullptr ? &deadline : nullptr, what, pc)) return true;
  errno = ETIMEDOUT;
  return false;
}

int sent(int rc) {
  if (rc == 0) descriptor_written();
  return rc;
}

ssize_t received(ssize_t got) {
  if (got >= 0) descriptor_read();
  return got;
}

}  // namespace

extern "C" {

int mq_send(mqd_t queue, const char* message, std::size_t length, unsigned priority) {
  if (tables() == nullptr) return real_mq_send(queue, message, length, priority);
  if (!ready(queue, POLLOUT, nullptr, "mq_send", WEFT_PC)) return -1;
  return sent(real_mq_send(queue, message, length, priority));
}

int mq_timedsend(mqd_t queue, const char* message, std::size_t length, unsigned priority, const timespec* abstime) {
  if (tables() == nullptr) return real_mq_timedsend(queue, message, length, priority, abstime);
  if (!ready(queue, POLLOUT, abstime, "mq_timedsend", WEFT_PC)) return -1;
  return sent(real_mq_timedsend(queue, message, length, priority, abstime));
}

ssize_t mq_receive(mqd_t queue, char* buffer, std::size_t length, unsigned* priority) {
  if (tables() == nullptr) return real_mq_receive(queue, buffer, length, priority);
  if (!ready(queue, POLLIN, nullptr, "mq_receive", WEFT_PC)) return -1;
  return received(real_mq_receive(queue, buffer, length, priority));
}

ssize_t mq_timedreceive(mqd_t queue, char* buffer, std::size_t length, unsigned* priority, const timespec* abstime) {
  if (tables() == nullptr) return real_mq_timedreceive(queue, buffer, length, priority, abstime);
  if (!ready(queue, POLLIN, abstime, "mq_timedreceive", WEFT_PC)) return -1;
  return received(real_mq_timedreceive(queue, buffer, length, priority, abstime));
}

}  // extern "C"
