// descriptors.hpp — what io_interpose.cpp, which follows the calls that wait
// on descriptors, offers the other interposers (stdio_interpose.cpp).
#pragma once

#include "weft/detail/runtime.hpp"

namespace weft::detail::instrument {

/// Inside an execution, from the program's code (not in a weft_section):
/// returns once `fd` has input or is at its end, the weft way (other
/// logical threads run meanwhile; see io_interpose.cpp). Returns at once for
/// a non-blocking descriptor. `cancellation`: a cancellation point, as the
/// read() inside a stdio call is (a cancellation due before the wait, or one
/// that comes while it waits, ends the thread there). `what` and the
/// caller's `pc` name the wait.
void wait_for_input(int fd, bool cancellation, const char* what, const void* pc);

/// Inside an execution, from the program's code: waits the weft way until
/// `fd` is ready for `events` (POLLIN, POLLOUT) — true — or, when `deadline`
/// is given, until logical time reaches it (false); a cancellation point.
bool wait_until_ready(int fd, short events, const weft::time_point* deadline, const char* what, const void* pc);

/// Inside an execution, from the program's code: the scheduling point before
/// an operation on `fd` (a read, a write, an accept) when other threads of
/// the program may see it or its outcome may depend on them — a pipe, a
/// socket, an eventfd, an epoll instance: the order in which threads reach
/// such descriptors is explored as the order of their atomic accesses is.
/// Not before one on a regular file, a terminal or another device, nor on
/// the standard input, output and error. `what` and `pc` name the point.
/// Whether it was one.
bool descriptor_point(int fd, const char* what, const void* pc);

/// Inside an execution, from the program's code: the scheduling point a call
/// on descriptors or a message queue begins with, whatever they are (a
/// poll, a select, an mq_send). `what` and `pc` name the point.
void call_point(const char* what, const void* pc);

/// Inside an execution, from the program's code (`what` at `pc`): before
/// the close or shutdown of `fd`, when it is a descriptor threads talk
/// through, a scheduling point and a release to every later read (the end
/// of file another thread reads comes after it).
void descriptor_hanging_up(int fd, const char* what, const void* pc);

/// Inside an execution, from the program's code: a successful read from a
/// descriptor acquires what every write to one released.
void descriptor_read();

/// Inside an execution, from the program's code: a successful write to a
/// descriptor releases to every later read from one.
void descriptor_written();

}  // namespace weft::detail::instrument
