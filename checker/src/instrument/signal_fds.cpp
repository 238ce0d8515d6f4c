// signalfd inside an execution of weft exec.
//
// A daemon blocks its signals in every thread and reads them from a
// signalfd, often from an event loop (poll, epoll). The kernel's signalfd
// reads the kernel's pending signals, but inside an execution signals sent
// by the program's threads are pending in weft's tables (signals.cpp), not in
// the kernel, so a real signalfd never became readable and a correct program
// hung. So a signalfd made inside an execution is an eventfd that weft keeps
// readable exactly while one of its mask's signals is pending (poll, epoll
// and select see it as they see any descriptor, io_interpose.cpp), and a
// read of it takes the pending signals, as the kernel's does: one
// struct signalfd_siginfo each, lowest first, waiting the weft way when
// none is (EAGAIN with SFD_NONBLOCK). Signals pend as the kernel's standard
// signals do: one of a kind at a time (real-time signals do not queue).
// A signal sent to one thread is read by whichever thread reads.
#include <errno.h>
#include <fcntl.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include <cstring>

#include "../runtime/execution.hpp"
#include "address_objects.hpp"
#include "interpose.hpp"

using namespace weft::detail;
using namespace weft::detail::instrument;

namespace {
WEFT_REAL(signalfd);
}  // namespace

namespace weft::detail::instrument {

void set_readable(int eventfd, bool& readable, bool wanted) {
  if (readable == wanted) return;
  eventfd_t count = 1;
  if (wanted) {
    eventfd_write(eventfd, count);
  } else {
    eventfd_read(eventfd, &count);  // non-blocking: empties it
  }
  readable = wanted;
}

int readiness_eventfd(int flags) { return ::eventfd(0, EFD_NONBLOCK | ((flags & O_CLOEXEC) != 0 ? EFD_CLOEXEC : 0)); }

void signals_changed() {
  for (auto& [fd, f] : current_tables().signals.fds) set_readable(fd, f.readable, signal_pending(f.mask));
}

bool is_signal_fd(int fd) {
  const auto& fds = current_tables().signals.fds;  // a lookup: no section needed
  return !fds.empty() && fds.contains(fd);
}

ssize_t signal_fd_read(int fd, void* buf, std::size_t n, const void* pc) {
  constexpr std::size_t record = sizeof(signalfd_siginfo);
  if (n < record) {
    errno = EINVAL;
    return -1;
  }
  std::size_t records = 0;
  cancellable([&] {
    const signal_state::signal_fd f = current_tables().signals.fds.at(fd);
    auto* out = static_cast<signalfd_siginfo*>(buf);
    for (; records < n / record; ++records) {
      int signal = take_signal(f.mask);
      if (signal == 0 && records == 0 && !f.nonblocking) signal = wait_and_take_signal(f.mask, location::caller(pc));
      if (signal == 0) break;
      signalfd_siginfo info{};
      info.ssi_signo = static_cast<std::uint32_t>(signal);
      info.ssi_pid = static_cast<std::uint32_t>(::getpid());
      info.ssi_uid = ::getuid();
      std::memcpy(out + records, &info, record);
    }
    return 0;
  });
  if (records == 0) {
    errno = EAGAIN;
    return -1;
  }
  return static_cast<ssize_t>(records * record);
}

void signal_fd_closed(int fd) {
  const weft_section weft;
  current_tables().signals.fds.erase(fd);
}

}  // namespace weft::detail::instrument

extern "C" int signalfd(int fd, const sigset_t* mask, int flags) noexcept {
  if (tables() == nullptr) return real_signalfd(fd, mask, flags);
  const weft_section weft;
  auto& fds = current_tables().signals.fds;
  const std::uint64_t bits = signal_bits(*mask);
  if (fd == -1) {
    fd = readiness_eventfd(flags);
    if (fd < 0) return -1;
    fds[fd] = {bits, (flags & SFD_NONBLOCK) != 0, false};
  } else if (const auto f = fds.find(fd); f != fds.end()) {
    f->second.mask = bits;
  } else {
    errno = EINVAL;  // not a signalfd made in this execution
    return -1;
  }
  signals_changed();
  return fd;
}
