// Descriptors threads talk through (pipes, eventfds, socket pairs), inside
// an execution of weft exec.
//
// All logical threads run on one OS thread, so a read that blocks for real
// blocks them all: a consumer that read() an empty pipe before its producer
// ran hung the process, and weft reported a hang on a correct program. So a
// call that may block on a descriptor (read, readv, recv, recvfrom,
// recvmsg, accept, accept4, poll, ppoll, epoll_wait, epoll_pwait, select,
// pselect; the signal masks of ppoll and epoll_pwait are not applied) first asks
// the kernel whether
// it would (poll with no timeout). If it would, and another thread can run,
// the caller gives way as a poll does (fairness.cpp: no futile step) and
// asks again at its next turn. When no other thread can run but threads
// waiting on descriptors, the whole process waits for real, on all their
// descriptors at once, as its threads would, until the first of their
// timeouts. A timeout is in logical time: it expires when logical time
// reaches it (a sleeper's or a timerfd's wake-up, or that real wait), never
// while other threads run.
//
// What a thread writes to a descriptor happens before what another reads
// from one: every successful write (write, writev, send, sendto, sendmsg),
// a connect (before the accept that returns its connection), and a close
// or shutdown of a pipe or socket (before the read that sees its end of
// file: a worker that stores its result and closes its end is a common
// "done" signal) release one clock that every successful read, an end of
// file included, acquires (ThreadSanitizer pairs a pipe's two ends and
// orders no close; one clock for all descriptors adds edges between
// unrelated files too, which can hide a race but never invents one).
//
// Every one of these calls on a descriptor threads talk through (a pipe, a
// socket, an eventfd, an epoll instance; not a regular file, a terminal or
// the standard streams) begins with a scheduling point, also when it
// succeeds at once (descriptor_point): which thread's write reaches a pipe
// first, or whether a read comes before a write, is a choice the strategies
// explore, and a systematic search does not call a producer and consumer
// over a pipe exhausted after the few schedules their waits alone allow.
//
// A poll or select on no descriptor at all, with a timeout, is a sleep (an
// old idiom): it sleeps in logical time, as nanosleep does.
//
// libc's own reads (fgets, fread, getline...) reach the kernel without the
// interposed read: stdio_interpose.cpp waits before them (wait_for_input).
//
// A write(), writev(), send() or sendmsg() to a blocking pipe or stream
// socket goes in pieces, each once there is room (write_in_pieces; writev's
// and sendmsg's buffers gathered first), so a writer that fills a pipe no
// reader has emptied yet lets the reader run; so does a sendto() without a
// destination. Not followed: a sendto or sendmsg with a destination or
// ancillary data (passed descriptors) to a full one, and stdio's writes
// (libc's own write).
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <span>
#include <string>
#include <vector>

#include "../runtime/execution.hpp"
#include "address_objects.hpp"
#include "descriptors.hpp"
#include "interpose.hpp"

namespace weft::detail::instrument {
namespace {

WEFT_REAL(read);
WEFT_REAL(readv);
WEFT_REAL(recv);
WEFT_REAL(recvfrom);
WEFT_REAL(recvmsg);
WEFT_REAL(accept);
WEFT_REAL(accept4);
WEFT_REAL(connect);
WEFT_REAL(poll);
WEFT_REAL(epoll_wait);
WEFT_REAL(ppoll);
WEFT_REAL(epoll_pwait);
WEFT_REAL(select);
WEFT_REAL(pselect);
WEFT_REAL(write);
WEFT_REAL(writev);
WEFT_REAL(send);
WEFT_REAL(sendto);
WEFT_REAL(sendmsg);
WEFT_REAL(shutdown);

/// The clock every write to a descriptor releases and every read acquires.
vclock& descriptors_clock() { return current_tables().descriptors; }

/// A write's result, passed on: a successful one releases the clock.
template <class Result>
Result io_written(Result put) {
  if (put <= 0 || tables() == nullptr) return put;
  const weft_section weft;
  release_to_clock(descriptors_clock());
  return put;
}

/// A read's result, passed on: a successful one acquires the clock.
template <class Result>
Result io_read(Result got, bool success) {
  if (!success || tables() == nullptr) return got;
  const weft_section weft;
  acquire_clock(descriptors_clock());
  return got;
}

bool waits_on_descriptors(std::uint32_t thread) { return current_tables().waiting_outside.contains(thread); }

/// The earliest deadline of the threads waiting on descriptors (none: no
/// waiter has a timeout).
std::optional<weft::time_point> earliest_outside_deadline(const address_tables& t) {
  std::optional<weft::time_point> earliest;
  for (const auto& [thread, wait] : t.waiting_outside) {
    if (wait.deadline && (!earliest || *wait.deadline < *earliest)) earliest = wait.deadline;
  }
  return earliest;
}

/// poll's timeout for a wait until `deadline` from `now` (-1: none), in
/// milliseconds rounded up so that a short wait is not a busy one.
int poll_timeout_until(std::optional<weft::time_point> deadline, weft::time_point now) {
  if (!deadline) return -1;
  if (*deadline <= now) return 0;
  const auto ms = std::chrono::ceil<std::chrono::milliseconds>(*deadline - now).count();
  return ms > INT_MAX ? INT_MAX : static_cast<int>(ms);
}

/// Every thread waits, on weft's objects or on descriptors nothing outside
/// the process can make ready, with no timeout: a deadlock.
[[noreturn]] void nothing_can_wake(const address_tables& t, const location& where) {
  std::string waiting;
  for (const auto& [thread, wait] : t.waiting_outside) {
    waiting += (waiting.empty() ? "thread " : ", thread ") + std::to_string(thread) + " in " + wait.what;
  }
  fail(finding_kind::deadlock,
       "every thread waits and none can wake another: " + waiting +
           ", on descriptors only the program's own threads can make ready (pipes, socket pairs, eventfds it made), "
           "with no timeout, and every other thread is blocked",
       where);
}

/// Inside a weft_section: returns once `mine` has an event (true), or, with
/// `timeout_ms` >= 0, once that much logical time passed (false; 0: never
/// waits). Logical time passes while a thread sleeps, a timerfd comes due,
/// or the whole process waits for real.
bool wait_ready(std::span<pollfd> mine, int timeout_ms, const char* what, const location& where) {
  address_tables& t = current_tables();
  const std::uint32_t me = current_thread_id();
  const auto done = [&](bool ready) {
    t.waiting_outside.erase(me);
    return ready;
  };
  std::optional<weft::time_point> deadline;
  if (timeout_ms > 0) deadline = logical_now() + std::chrono::milliseconds(timeout_ms);
  for (;;) {
    timers_due();  // the program's timerfds (timer_fds.cpp) whose time has come are readable
    if (real_poll(mine.data(), mine.size(), 0) != 0) return done(true);
    if (thread_wait_interrupted()) return done(false);  // cancelled (pthread_cancel.cpp): the caller acts
    if (timeout_ms == 0 || (deadline && logical_now() >= *deadline)) return done(false);
    t.waiting_outside[me] = {{mine.begin(), mine.end()}, deadline, what};
    // Another thread runs first; or logical time moves on to a sleeper's
    // wake-up or to a timerfd's deadline, if before this wait's timeout.
    weft::time_point timer{};
    const bool timer_first = next_timer_deadline(&timer) && (!deadline || timer <= *deadline);
    if (thread_wait_outside(&waits_on_descriptors, what, where, timer_first ? &timer : nullptr)) continue;
    // Nothing else can run: the process waits for the outside, as its threads
    // would, until the first of their timeouts, and logical time passes as
    // much as real time did meanwhile (an event loop that re-arms a timer for
    // what is left of its deadline, by the logical clock, gets there). The
    // first timeout is not always this thread's: waiting only for its own, a
    // thread without one would wait for ever while another's expired.
    std::vector<pollfd> all;
    for (const auto& [thread, wait] : t.waiting_outside) all.insert(all.end(), wait.fds.begin(), wait.fds.end());
    const std::optional<weft::time_point> first = earliest_outside_deadline(t);
    // Nothing from outside can come to descriptors only the program's
    // threads can make ready (internal_fds.cpp): no real wait for them, but
    // another waiter's may be ready already.
    const bool from_outside = !only_internal(all) || real_timer_armed();
    const auto real_start = std::chrono::steady_clock::now();
    const int events = real_poll(all.data(), all.size(), from_outside ? poll_timeout_until(first, logical_now()) : 0);
    logical_time_passed(std::chrono::steady_clock::now() - real_start);
    if (events == 0 && !from_outside && !first) nothing_can_wake(t, where);
    if (events == 0 && first && logical_now() < *first) logical_time_passed(*first - logical_now());
    if (events != 0 && real_poll(mine.data(), mine.size(), 0) != 0) return done(true);
    if (deadline && logical_now() >= *deadline) return done(false);
    // Another waiter's descriptor is ready, or its timeout expired: it goes first.
    thread_give_way(what, where);
  }
}

/// Whether threads may talk through `fd` (descriptor_point): not a regular
/// file, a directory, a terminal or another device, nor a standard stream
/// (the program's threads read what they write to none of those).
bool talks_between_threads(int fd) {
  if (fd == STDIN_FILENO || fd == STDOUT_FILENO || fd == STDERR_FILENO) return false;
  struct stat s;
  if (::fstat(fd, &s) != 0) return false;  // not open: the call fails, and nothing is seen
  return !S_ISREG(s.st_mode) && !S_ISDIR(s.st_mode) && !S_ISCHR(s.st_mode) && !S_ISBLK(s.st_mode);
}

/// Before a call on `fd` that blocks unless it is non-blocking (or the
/// call's flags say so): waits the weft way until it has input.
void wait_input(int fd, bool dont_wait, const char* what, const void* pc) {
  const weft_section weft;
  if (dont_wait || (::fcntl(fd, F_GETFL) & O_NONBLOCK) != 0) return;
  pollfd p{fd, POLLIN, 0};
  wait_ready({&p, 1}, -1, what, location::caller(pc));
}

/// wait_input for a call the program made (read, recv, accept...), a
/// cancellation point: a cancellation due before it or while it waits acts.
void wait_input_cancellable(int fd, bool dont_wait, const char* what, const void* pc) {
  descriptor_point(fd, what, pc);
  cancellable([&] {
    wait_input(fd, dont_wait, what, pc);
    return 0;
  });
}

/// Whether a write to `fd` may wait for a reader: a blocking pipe or
/// stream socket (a datagram goes whole or not at all: not split).
bool may_wait_for_reader(int fd) {
  struct stat s;
  if ((::fcntl(fd, F_GETFL) & O_NONBLOCK) != 0 || ::fstat(fd, &s) != 0) return false;
  if (S_ISFIFO(s.st_mode)) return true;
  int type = 0;
  socklen_t length = sizeof type;
  return S_ISSOCK(s.st_mode) && ::getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &length) == 0 && type == SOCK_STREAM;
}

/// The bytes of `count` buffers, one after the other: a writev or sendmsg
/// goes through write_in_pieces as one write of them. The program's call at
/// `pc` reads its buffers (checked there); the copy is weft's.
std::vector<char> gathered(const iovec* iov, std::size_t count, const void* pc) {
  for (std::size_t i = 0; i < count; ++i) {
    plain_read(reinterpret_cast<std::uintptr_t>(iov[i].iov_base), std::min(iov[i].iov_len, checked_bytes), pc);
  }
  const weft_code copying;
  std::vector<char> bytes;
  for (std::size_t i = 0; i < count; ++i) {
    const auto* from = static_cast<const char*>(iov[i].iov_base);
    bytes.insert(bytes.end(), from, from + iov[i].iov_len);
  }
  return bytes;
}

/// Whether a blocking write to `fd` goes in pieces (write_in_pieces).
bool in_pieces(int fd) {
  const weft_section weft;
  return may_wait_for_reader(fd);
}

/// A blocking write of `n` bytes (`put(from, size)` writes for real) to a
/// descriptor in_pieces() said yes for: to a pipe or stream socket that is
/// full it would wait for a reader, in the kernel, with every logical
/// thread. So it goes in pieces of at most PIPE_BUF bytes, each once the
/// descriptor is writable (a pipe then has a free page, a stream socket
/// room) after waiting the weft way, with a scheduling point between
/// pieces; each piece written releases at once, since the reader may take
/// it while the writer waits for room. As on real threads, a write of more
/// than PIPE_BUF bytes may interleave with other writers' and one of at
/// most PIPE_BUF does not.
template <class Put>
ssize_t write_in_pieces(int fd, const void* from, std::size_t n, const char* what, const void* pc, Put put) {
  const auto* bytes = static_cast<const char*>(from);
  std::size_t done = 0;
  while (done < n) {
    cancellable([&] {
      // Between two pieces another thread may run, and another writer's
      // piece come between them, as in the kernel.
      if (done > 0) thread_point(what, location::caller(pc));
      pollfd p{fd, POLLOUT, 0};
      wait_ready({&p, 1}, -1, what, location::caller(pc));
      return 0;
    });
    const ssize_t wrote = io_written(put(bytes + done, std::min<std::size_t>(n - done, PIPE_BUF)));
    if (wrote < 0) return done > 0 ? static_cast<ssize_t>(done) : wrote;
    done += static_cast<std::size_t>(wrote);
  }
  return static_cast<ssize_t>(done);
}

/// A timeout in milliseconds as poll takes it (-1: none), rounded up so
/// that a short wait is not a busy one.
int timeout_ms_of(const timespec* t) {
  if (t == nullptr) return -1;
  const long long ms = static_cast<long long>(t->tv_sec) * 1000 + (t->tv_nsec + 999'999) / 1'000'000;
  return ms > INT_MAX ? INT_MAX : static_cast<int>(ms);
}

/// Inside a weft_section: poll or select with nothing to wait on and a
/// timeout, a logical sleep.
void sleep_instead(int timeout_ms, const void* pc) {
  thread_sleep_until(logical_now() + std::chrono::milliseconds(timeout_ms), location::caller(pc));
}

/// poll and ppoll inside an execution: each waits the weft way (wait_ready).
int poll_weft(pollfd* fds, nfds_t count, int timeout_ms, const char* what, const void* pc) {
  if (count > 0) call_point(what, pc);
  const int ready = cancellable([&] {
    if (count == 0 && timeout_ms > 0) {
      sleep_instead(timeout_ms, pc);
      return 0;
    }
    std::vector<pollfd> mine(fds, fds + count);
    return wait_ready(mine, timeout_ms, what, location::caller(pc)) ? 1 : 0;
  });
  if (ready == 0) return 0;
  const int got = real_poll(fds, count, 0);
  return io_read(got, got > 0);
}

/// epoll_wait and epoll_pwait inside an execution: an epoll descriptor is
/// readable when it has events.
int epoll_weft(int epoll, epoll_event* events, int most, int timeout_ms, const char* what, const void* pc) {
  call_point(what, pc);
  const int ready = cancellable([&] {
    pollfd p{epoll, POLLIN, 0};
    return wait_ready({&p, 1}, timeout_ms, what, location::caller(pc)) ? 1 : 0;
  });
  if (ready == 0) return 0;
  const int got = real_epoll_wait(epoll, events, most, 0);
  return io_read(got, got > 0);
}

/// The descriptors of select's three sets, as poll asks for them.
std::vector<pollfd> pollfds_of(int count, const fd_set* in, const fd_set* out, const fd_set* error) {
  std::vector<pollfd> fds;
  for (int fd = 0; fd < count; ++fd) {
    short events = 0;
    if (in != nullptr && FD_ISSET(fd, in)) events |= POLLIN;
    if (out != nullptr && FD_ISSET(fd, out)) events |= POLLOUT;
    if (error != nullptr && FD_ISSET(fd, error)) events |= POLLPRI;
    if (events != 0) fds.push_back({fd, events, 0});
  }
  return fds;
}

/// select and pselect: waits the weft way, then asks the kernel with no
/// timeout (`ask`), which fills the sets in. 0, the sets emptied: timed out.
template <class Ask>
int select_weft(int count, fd_set* in, fd_set* out, fd_set* error, const timespec* timeout, const char* what,
                const void* pc, Ask ask) {
  const int timeout_ms = timeout_ms_of(timeout);
  if (count > 0) call_point(what, pc);
  const int ready = cancellable([&] {
    std::vector<pollfd> mine = pollfds_of(count, in, out, error);
    if (mine.empty() && timeout_ms > 0) {
      sleep_instead(timeout_ms, pc);
      return 0;
    }
    return wait_ready(mine, timeout_ms, what, location::caller(pc)) ? 1 : 0;
  });
  if (ready == 0) {
    for (fd_set* set : {in, out, error}) {
      if (set != nullptr) FD_ZERO(set);
    }
    return 0;
  }
  const int got = ask();
  return io_read(got, got > 0);
}

}  // namespace

void call_point(const char* what, const void* pc) {
  const weft_section weft;
  thread_point(what, location::caller(pc));
}

bool descriptor_point(int fd, const char* what, const void* pc) {
  if (tables() == nullptr) return false;
  bool talks = false;
  {
    const weft_section weft;
    talks = talks_between_threads(fd);
  }
  if (talks) call_point(what, pc);
  return talks;
}

void wait_for_input(int fd, bool cancellation, const char* what, const void* pc) {
  if (tables() == nullptr) return;
  if (cancellation) return wait_input_cancellable(fd, false, what, pc);
  descriptor_point(fd, what, pc);
  wait_input(fd, false, what, pc);
}

bool wait_until_ready(int fd, short events, const weft::time_point* deadline, const char* what, const void* pc) {
  return cancellable([&] {
           pollfd p{fd, events, 0};
           const int timeout_ms = poll_timeout_until(deadline != nullptr ? std::optional(*deadline) : std::nullopt,
                                                     logical_now());
           return wait_ready({&p, 1}, timeout_ms, what, location::caller(pc)) ? 1 : 0;
         }) != 0;
}

void descriptor_hanging_up(int fd, const char* what, const void* pc) {
  if (descriptor_point(fd, what, pc)) io_written(1);
}

void descriptor_read() { io_read(0, true); }

void descriptor_written() { io_written(1); }

}  // namespace weft::detail::instrument

using namespace weft::detail::instrument;

extern "C" {

ssize_t read(int fd, void* buf, std::size_t n) {
  if (tables() == nullptr) return real_read(fd, buf, n);
  if (is_signal_fd(fd)) return signal_fd_read(fd, buf, n, WEFT_PC);
  if (is_timer_fd(fd)) return timer_fd_read(fd, buf, n, WEFT_PC);
  wait_input_cancellable(fd, false, "read", WEFT_PC);
  const ssize_t got = real_read(fd, buf, n);
  return io_read(got, got >= 0);
}

ssize_t readv(int fd, const iovec* iov, int count) {
  if (tables() == nullptr) return real_readv(fd, iov, count);
  wait_input_cancellable(fd, false, "readv", WEFT_PC);
  const ssize_t got = real_readv(fd, iov, count);
  return io_read(got, got >= 0);
}

ssize_t recv(int fd, void* buf, std::size_t n, int flags) {
  if (tables() == nullptr) return real_recv(fd, buf, n, flags);
  wait_input_cancellable(fd, (flags & MSG_DONTWAIT) != 0, "recv", WEFT_PC);
  const ssize_t got = real_recv(fd, buf, n, flags);
  return io_read(got, got >= 0);
}

ssize_t recvfrom(int fd, void* buf, std::size_t n, int flags, sockaddr* from, socklen_t* length) {
  if (tables() == nullptr) return real_recvfrom(fd, buf, n, flags, from, length);
  wait_input_cancellable(fd, (flags & MSG_DONTWAIT) != 0, "recvfrom", WEFT_PC);
  const ssize_t got = real_recvfrom(fd, buf, n, flags, from, length);
  return io_read(got, got >= 0);
}

ssize_t recvmsg(int fd, msghdr* message, int flags) {
  if (tables() == nullptr) return real_recvmsg(fd, message, flags);
  wait_input_cancellable(fd, (flags & MSG_DONTWAIT) != 0, "recvmsg", WEFT_PC);
  const ssize_t got = real_recvmsg(fd, message, flags);
  return io_read(got, got >= 0);
}

int accept(int fd, sockaddr* address, socklen_t* length) {
  if (tables() == nullptr) return real_accept(fd, address, length);
  wait_input_cancellable(fd, false, "accept", WEFT_PC);
  const int got = real_accept(fd, address, length);
  return io_read(got, got >= 0);
}

int accept4(int fd, sockaddr* address, socklen_t* length, int flags) {
  if (tables() == nullptr) return real_accept4(fd, address, length, flags);
  wait_input_cancellable(fd, false, "accept", WEFT_PC);
  const int got = real_accept4(fd, address, length, flags);
  return io_read(got, got >= 0);
}

int connect(int fd, const sockaddr* address, socklen_t length) {
  if (tables() == nullptr) return real_connect(fd, address, length);
  descriptor_point(fd, "connect", WEFT_PC);
  const int result = real_connect(fd, address, length);
  const int error = errno;
  // Connected, or (non-blocking) on its way: what the thread did before
  // happens before the accept that returns the connection.
  if (result == 0 || error == EINPROGRESS) io_written(1);
  errno = error;
  return result;
}

int shutdown(int fd, int how) {
  if (tables() == nullptr) return real_shutdown(fd, how);
  descriptor_hanging_up(fd, "shutdown", WEFT_PC);
  return real_shutdown(fd, how);
}

int poll(pollfd* fds, nfds_t count, int timeout_ms) {
  if (tables() == nullptr) return real_poll(fds, count, timeout_ms);
  return poll_weft(fds, count, timeout_ms, "poll", WEFT_PC);
}

int ppoll(pollfd* fds, nfds_t count, const timespec* timeout, const sigset_t* mask) {
  if (tables() == nullptr) return real_ppoll(fds, count, timeout, mask);
  return poll_weft(fds, count, timeout_ms_of(timeout), "ppoll", WEFT_PC);
}

int epoll_wait(int epoll, epoll_event* events, int most, int timeout_ms) {
  if (tables() == nullptr) return real_epoll_wait(epoll, events, most, timeout_ms);
  return epoll_weft(epoll, events, most, timeout_ms, "epoll_wait", WEFT_PC);
}

int epoll_pwait(int epoll, epoll_event* events, int most, int timeout_ms, const sigset_t* mask) {
  if (tables() == nullptr) return real_epoll_pwait(epoll, events, most, timeout_ms, mask);
  return epoll_weft(epoll, events, most, timeout_ms, "epoll_pwait", WEFT_PC);
}

int select(int count, fd_set* in, fd_set* out, fd_set* error, timeval* timeout) {
  if (tables() == nullptr) return real_select(count, in, out, error, timeout);
  timespec limit{};
  if (timeout != nullptr) limit = {timeout->tv_sec, static_cast<long>(timeout->tv_usec) * 1000};
  return select_weft(count, in, out, error, timeout != nullptr ? &limit : nullptr, "select", WEFT_PC, [&] {
    timeval now{};
    return real_select(count, in, out, error, &now);
  });
}

int pselect(int count, fd_set* in, fd_set* out, fd_set* error, const timespec* timeout, const sigset_t* mask) {
  if (tables() == nullptr) return real_pselect(count, in, out, error, timeout, mask);
  return select_weft(count, in, out, error, timeout, "pselect", WEFT_PC, [&] {
    const timespec now{};
    return real_pselect(count, in, out, error, &now, mask);
  });
}

ssize_t write(int fd, const void* buf, std::size_t n) {
  if (tables() == nullptr) return real_write(fd, buf, n);
  descriptor_point(fd, "write", WEFT_PC);
  if (n == 0 || !in_pieces(fd)) return io_written(real_write(fd, buf, n));
  return write_in_pieces(fd, buf, n, "write", WEFT_PC,
                         [fd](const void* from, std::size_t size) { return real_write(fd, from, size); });
}

ssize_t writev(int fd, const iovec* iov, int count) {
  if (tables() == nullptr) return real_writev(fd, iov, count);
  descriptor_point(fd, "writev", WEFT_PC);
  if (count <= 0 || !in_pieces(fd)) return io_written(real_writev(fd, iov, count));
  const std::vector<char> bytes = gathered(iov, static_cast<std::size_t>(count), WEFT_PC);
  return write_in_pieces(fd, bytes.data(), bytes.size(), "writev", WEFT_PC,
                         [fd](const void* from, std::size_t size) { return real_write(fd, from, size); });
}

ssize_t send(int fd, const void* buf, std::size_t n, int flags) {
  if (tables() == nullptr) return real_send(fd, buf, n, flags);
  descriptor_point(fd, "send", WEFT_PC);
  if ((flags & MSG_DONTWAIT) != 0 || n == 0 || !in_pieces(fd)) {
    return io_written(real_send(fd, buf, n, flags));
  }
  return write_in_pieces(fd, buf, n, "send", WEFT_PC, [fd, flags](const void* from, std::size_t size) {
    return real_send(fd, from, size, flags);
  });
}

ssize_t sendto(int fd, const void* buf, std::size_t n, int flags, const sockaddr* to, socklen_t length) {
  // With a destination (a datagram's, or an error on a connected stream) or
  // not allowed to wait, it goes whole, as it is; without one it is send().
  if (tables() == nullptr) return real_sendto(fd, buf, n, flags, to, length);
  descriptor_point(fd, "sendto", WEFT_PC);
  if (to != nullptr || (flags & MSG_DONTWAIT) != 0 || n == 0 || !in_pieces(fd)) {
    return io_written(real_sendto(fd, buf, n, flags, to, length));
  }
  return write_in_pieces(fd, buf, n, "sendto", WEFT_PC, [fd, flags](const void* from, std::size_t size) {
    return real_send(fd, from, size, flags);
  });
}

ssize_t sendmsg(int fd, const msghdr* message, int flags) {
  // With a destination or ancillary data (descriptors passed), or not
  // allowed to wait, the message goes whole, as it is.
  if (tables() == nullptr) return real_sendmsg(fd, message, flags);
  descriptor_point(fd, "sendmsg", WEFT_PC);
  if ((flags & MSG_DONTWAIT) != 0 || message->msg_name != nullptr ||
      message->msg_control != nullptr || message->msg_iovlen == 0 || !in_pieces(fd)) {
    return io_written(real_sendmsg(fd, message, flags));
  }
  const std::vector<char> bytes = gathered(message->msg_iov, message->msg_iovlen, WEFT_PC);
  return write_in_pieces(fd, bytes.data(), bytes.size(), "sendmsg", WEFT_PC,
                         [fd, flags](const void* from, std::size_t size) { return real_send(fd, from, size, flags); });
}

}  // extern "C"
