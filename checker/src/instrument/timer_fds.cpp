// timerfd inside an execution of weft exec.
//
// Event loops (Boost.Asio's reactor, hand-written epoll loops) wait for
// their timers on a timerfd. Inside an execution the program's clocks are
// logical (clock_gettime, pthread_interpose.cpp), but a real timerfd fires in
// real time: a heartbeat every 5 s made every execution last 5 s for real,
// and a timer longer than the watchdog was a "hang" on a correct program.
// So a timerfd made inside an execution on a clock the program reads in
// logical time is an eventfd that weft makes readable once logical time
// reaches its deadline (timers_due, called wherever a thread looks at a
// descriptor); when no thread can run and the process would wait for the
// outside, logical time moves on to the earliest deadline, as it does to a
// sleeper's wake-up (io_interpose.cpp's wait_ready). A read answers the
// expirations since the last read (8 bytes), waiting in logical time for a
// blocking one; timerfd_settime and timerfd_gettime work in logical time,
// relative or absolute (TFD_TIMER_ABSTIME), one-shot or periodic.
//
// Not followed: a timer fires before anything that would come from outside
// the process; TFD_TIMER_CANCEL_ON_SET is ignored. A timerfd made outside an
// execution (an event loop built by a static constructor) stays a real one;
// armed for an absolute time inside an execution, it is armed for what is
// left of it in logical time.
#include <errno.h>
#include <sys/timerfd.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>

#include "../runtime/execution.hpp"
#include "address_objects.hpp"
#include "interpose.hpp"

using namespace weft::detail;
using namespace weft::detail::instrument;

namespace {

WEFT_REAL(timerfd_create);
WEFT_REAL(timerfd_settime);
WEFT_REAL(timerfd_gettime);

using ns = std::chrono::nanoseconds;

timespec timespec_of(weft::clock::duration d) {
  const auto n = std::max<std::int64_t>(std::chrono::duration_cast<ns>(d).count(), 0);
  return timespec{static_cast<time_t>(n / 1'000'000'000), static_cast<long>(n % 1'000'000'000)};
}

/// What timerfd_gettime answers: the time left and the interval.
itimerspec current_setting(const timer_fd& t) {
  itimerspec now{};
  now.it_interval = timespec_of(t.interval);
  if (t.armed) {
    now.it_value = timespec_of(std::max(t.deadline - logical_now(), weft::clock::duration(ns(1))));
  }
  return now;
}

/// The clock of each real timerfd made outside an execution, by descriptor.
constexpr int max_real_timerfds = 1024;
constinit clockid_t real_clocks[max_real_timerfds] = {};
constinit bool real_known[max_real_timerfds] = {};

/// A real timerfd armed for an absolute time from inside an execution: the
/// program computed it from the logical clock, so it is armed for what is
/// left of it in logical time.
int settime_real_absolute(int fd, int flags, const itimerspec* value, itimerspec* old) {
  const auto left = logical_deadline(real_clocks[fd], &value->it_value) - logical_now();
  itimerspec relative = *value;  // a zero value would disarm it: at least 1 ns
  relative.it_value = timespec_of(std::max(left, weft::clock::duration(ns(1))));
  return real_timerfd_settime(fd, flags & ~TFD_TIMER_ABSTIME, &relative, old);
}

}  // namespace

namespace weft::detail::instrument {

void timers_due() {
  const weft::time_point now = logical_now();
  for (auto& [fd, t] : current_tables().timers) {
    if (t.armed && t.deadline <= now) {
      if (t.interval > weft::clock::duration::zero()) {
        const auto periods = static_cast<std::uint64_t>((now - t.deadline) / t.interval) + 1;
        t.expirations += periods;
        t.deadline += t.interval * static_cast<std::int64_t>(periods);
      } else {
        ++t.expirations;
        t.armed = false;
      }
    }
    set_readable(fd, t.readable, t.expirations > 0);
  }
}

bool next_timer_deadline(weft::time_point* at) {
  bool any = false;
  for (const auto& [fd, t] : current_tables().timers) {
    if (t.armed && (!any || t.deadline < *at)) *at = t.deadline;
    any = any || t.armed;
  }
  return any;
}

bool is_timer_fd(int fd) {
  const auto& timers = current_tables().timers;  // a lookup: no section needed
  return !timers.empty() && timers.contains(fd);
}

ssize_t timer_fd_read(int fd, void* buf, std::size_t n, const void* pc) {
  if (n < sizeof(std::uint64_t)) {
    errno = EINVAL;
    return -1;
  }
  std::uint64_t expirations = 0;
  bool closed = false;  // by another thread while this one waited
  cancellable([&] {
    address_tables& tables = current_tables();
    timers_due();
    for (;;) {
      if (thread_wait_interrupted()) break;  // cancelled (pthread_cancel.cpp): acts below
      const auto found = tables.timers.find(fd);
      if (found == tables.timers.end()) {
        closed = true;
        break;
      }
      timer_fd& t = found->second;
      if (t.expirations > 0 || t.nonblocking) {
        expirations = t.expirations;
        t.expirations = 0;
        set_readable(fd, t.readable, false);
        break;
      }
      if (t.armed) {
        thread_sleep_until(t.deadline, location::caller(pc));
      } else {  // until timerfd_settime arms it
        cv_state& armed = cv_at(tables, &tables.timers);
        cv_wait_begin(armed, location::caller(pc));  // a scheduling point: it may be armed meanwhile
        const auto again = tables.timers.find(fd);
        if (again == tables.timers.end() || again->second.armed) {
          cv_wait_cancel(armed);
        } else {
          cv_wait_block(armed, nullptr, location::caller(pc));
        }
      }
      timers_due();
    }
    return 0;
  });
  if (closed || expirations == 0) {
    errno = closed ? EBADF : EAGAIN;
    return -1;
  }
  // The program's read writes its buffer: checked at the program's call.
  plain_write(reinterpret_cast<std::uintptr_t>(buf), sizeof expirations, pc);
  {
    const weft_code copying;
    std::memcpy(buf, &expirations, sizeof expirations);
  }
  return sizeof expirations;
}

void timer_fd_closed(int fd) {
  const weft_section weft;
  current_tables().timers.erase(fd);
}

}  // namespace weft::detail::instrument

extern "C" {

int timerfd_create(clockid_t clock, int flags) noexcept {
  if (tables() == nullptr || !is_logical(clock)) {
    const int fd = real_timerfd_create(clock, flags);
    if (fd >= 0 && fd < max_real_timerfds) {
      real_clocks[fd] = clock;
      real_known[fd] = true;
    }
    return fd;
  }
  const weft_section weft;
  const int fd = readiness_eventfd(flags);
  if (fd < 0) return -1;
  timer_fd& t = current_tables().timers[fd];
  t = timer_fd{};
  t.clock = clock;
  t.nonblocking = (flags & TFD_NONBLOCK) != 0;
  return fd;
}

int timerfd_settime(int fd, int flags, const itimerspec* value, itimerspec* old) noexcept {
  if (tables() == nullptr) return real_timerfd_settime(fd, flags, value, old);
  const weft_section weft;
  address_tables& tables = current_tables();
  const auto found = tables.timers.find(fd);
  if (found == tables.timers.end()) {
    const bool armed = value != nullptr && (value->it_value.tv_sec != 0 || value->it_value.tv_nsec != 0);
    const bool logical_absolute = (flags & TFD_TIMER_ABSTIME) != 0 && armed && fd >= 0 && fd < max_real_timerfds &&
                                  real_known[fd] && is_logical(real_clocks[fd]);
    return logical_absolute ? settime_real_absolute(fd, flags, value, old)
                            : real_timerfd_settime(fd, flags, value, old);
  }
  if (value == nullptr || value->it_value.tv_nsec < 0 || value->it_value.tv_nsec >= 1'000'000'000 ||
      value->it_interval.tv_nsec < 0 || value->it_interval.tv_nsec >= 1'000'000'000) {
    errno = EINVAL;
    return -1;
  }
  timer_fd& t = found->second;
  if (old != nullptr) *old = current_setting(t);
  t.armed = value->it_value.tv_sec != 0 || value->it_value.tv_nsec != 0;
  t.interval = duration_of(value->it_interval);
  if (t.armed) {
    t.deadline = (flags & TFD_TIMER_ABSTIME) != 0 ? logical_deadline(t.clock, &value->it_value)
                                                  : logical_now() + duration_of(value->it_value);
  }
  t.expirations = 0;  // as the kernel: setting it again forgets what was not read
  set_readable(fd, t.readable, false);
  timers_due();  // an absolute time already past fires at once
  cv_notify(cv_at(tables, &tables.timers), true, location());
  return 0;
}

int timerfd_gettime(int fd, itimerspec* current) noexcept {
  if (tables() == nullptr) return real_timerfd_gettime(fd, current);
  const weft_section weft;
  const auto& timers = current_tables().timers;
  const auto found = timers.find(fd);
  if (found == timers.end()) return real_timerfd_gettime(fd, current);
  *current = current_setting(found->second);
  return 0;
}

}  // extern "C"
