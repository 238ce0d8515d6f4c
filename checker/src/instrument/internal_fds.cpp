// Descriptors only the program's own threads can make ready, inside an
// execution of weft exec.
//
// When every logical thread waits (on descriptors, on weft's objects, with
// no sleeper and no timerfd due), io_interpose.cpp's wait_ready makes the
// process wait for real until something comes from outside or the first
// timeout expires. That is right for a socket to a server, a terminal, a
// child's pipe; but on a pipe, a socket pair or an eventfd the program made
// during this execution nothing from outside can ever come. There a timeout
// is only logical time passing, and without one the threads wait for each
// other for ever: a deadlock, not a "hang" 10 s later. Waiting for real cost
// each execution of an event loop its timeouts in real time (50 ms a poll
// made 20 executions a second).
//
// So the descriptors the program makes here are remembered: pipes and socket
// pairs by their inode (a dup of one, or a number reused for another file,
// is told apart by fstat), eventfds by number until closed (every eventfd
// shares one inode), logical timerfds (timer_fds.cpp), and epoll instances
// made here with what is registered in them (internal while everything in
// them is). Nothing is internal once the program started another process
// (popen, system, posix_spawn: the pipes may be its), and the process
// always waits for real once the program armed a real timer, whose signal
// may end a wait (alarm, ualarm, setitimer, timer_create). Signalfds are never internal (a signal may come
// from outside). Sockets the program connects or accepts are never internal,
// even to itself.
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "address_objects.hpp"
#include "descriptors.hpp"
#include "interpose.hpp"

namespace weft::detail::instrument {
namespace {

WEFT_REAL(pipe);
WEFT_REAL(pipe2);
WEFT_REAL(socketpair);
WEFT_REAL(eventfd);
WEFT_REAL(epoll_create);
WEFT_REAL(epoll_create1);
WEFT_REAL(epoll_ctl);
WEFT_REAL(timer_create);
WEFT_REAL(alarm);
WEFT_REAL(ualarm);
WEFT_REAL(setitimer);
WEFT_REAL(popen);
WEFT_REAL(system);
WEFT_REAL(posix_spawn);
WEFT_REAL(posix_spawnp);

/// `fd`'s inode, remembered as internal when the call made it.
void remember_file(int fd) {
  struct stat s;
  if (::fstat(fd, &s) == 0) current_tables().internal.files.insert({s.st_dev, s.st_ino});
}

/// Inside a weft_section: whether nothing outside the process can make
/// `fd` ready (`depth`: epoll instances followed into, at most two deep).
bool is_internal(int fd, int depth) {
  const internal_descriptors& in = current_tables().internal;
  if (in.outside_processes) return false;
  if (in.eventfds.contains(fd) || current_tables().timers.contains(fd)) return true;
  if (const auto epoll = in.epolls.find(fd); epoll != in.epolls.end()) {
    if (depth >= 2) return false;
    for (int registered : epoll->second) {
      if (!is_internal(registered, depth + 1)) return false;
    }
    return true;
  }
  struct stat s;
  return ::fstat(fd, &s) == 0 && (S_ISFIFO(s.st_mode) || S_ISSOCK(s.st_mode)) &&
         in.files.contains({s.st_dev, s.st_ino});
}

/// A call that may start another process: from here on, any descriptor
/// may be shared with it.
void another_process() {
  if (tables() != nullptr) current_tables().internal.outside_processes = true;
}

/// The program arms a real timer (weft's own watchdog's is not the
/// program's: it is armed outside the tables): from here on the process
/// waits for real, where its signal may come.
void real_timer() {
  if (tables() != nullptr) current_tables().internal.real_timers = true;
}

}  // namespace

bool only_internal(std::span<const pollfd> fds) {
  for (const pollfd& p : fds) {
    if (p.fd >= 0 && !is_internal(p.fd, 0)) return false;
  }
  return true;
}

bool real_timer_armed() { return current_tables().internal.real_timers; }

void internal_fd_closed(int fd) {
  internal_descriptors& in = current_tables().internal;
  in.eventfds.erase(fd);
  in.epolls.erase(fd);
}

}  // namespace weft::detail::instrument

using namespace weft::detail::instrument;

extern "C" {

int pipe(int fds[2]) noexcept {
  const int result = real_pipe(fds);
  if (result == 0 && tables() != nullptr) {
    const weft_section weft;
    remember_file(fds[0]);  // both ends are the one pipe inode
  }
  return result;
}

int pipe2(int fds[2], int flags) noexcept {
  const int result = real_pipe2(fds, flags);
  if (result == 0 && tables() != nullptr) {
    const weft_section weft;
    remember_file(fds[0]);
  }
  return result;
}

int socketpair(int domain, int type, int protocol, int fds[2]) noexcept {
  const int result = real_socketpair(domain, type, protocol, fds);
  if (result == 0 && tables() != nullptr) {
    const weft_section weft;
    remember_file(fds[0]);
    remember_file(fds[1]);
  }
  return result;
}

int eventfd(unsigned int initial, int flags) noexcept {
  const int fd = real_eventfd(initial, flags);
  if (fd >= 0 && tables() != nullptr) {
    const weft_section weft;
    current_tables().internal.eventfds.insert(fd);
  }
  return fd;
}

int epoll_create(int size) noexcept {
  const int fd = real_epoll_create(size);
  if (fd >= 0 && tables() != nullptr) {
    const weft_section weft;
    current_tables().internal.epolls[fd].clear();
  }
  return fd;
}

int epoll_create1(int flags) noexcept {
  const int fd = real_epoll_create1(flags);
  if (fd >= 0 && tables() != nullptr) {
    const weft_section weft;
    current_tables().internal.epolls[fd].clear();
  }
  return fd;
}

int epoll_ctl(int epoll, int op, int fd, epoll_event* event) noexcept {
  // A registration is a scheduling point (whether a thread's epoll_wait
  // comes before or after it is explored), and one that arms the descriptor
  // (ADD, MOD) releases what the thread did before it to the epoll_wait
  // that reports its event (descriptor_read, in io_interpose.cpp), as
  // ThreadSanitizer's interceptors pair them: an event loop that allocates
  // a descriptor's state, registers it with the state as the event's data,
  // and lets another thread's epoll_wait find it (Boost.Asio's reactor).
  const bool in_program = tables() != nullptr;
  if (in_program) descriptor_point(epoll, "epoll_ctl", WEFT_PC);
  const int result = real_epoll_ctl(epoll, op, fd, event);
  if (result == 0 && in_program) {
    if (op == EPOLL_CTL_ADD || op == EPOLL_CTL_MOD) descriptor_written();
    const weft_section weft;
    auto& epolls = current_tables().internal.epolls;
    if (const auto found = epolls.find(epoll); found != epolls.end()) {
      if (op == EPOLL_CTL_ADD) found->second.insert(fd);
      if (op == EPOLL_CTL_DEL) found->second.erase(fd);
    }
  }
  return result;
}

int timer_create(clockid_t clock, sigevent* event, timer_t* timer) noexcept {
  real_timer();
  return real_timer_create(clock, event, timer);
}

unsigned int alarm(unsigned int seconds) noexcept {
  if (seconds != 0) real_timer();
  return real_alarm(seconds);
}

useconds_t ualarm(useconds_t value, useconds_t interval) noexcept {
  if (value != 0) real_timer();
  return real_ualarm(value, interval);
}

int setitimer(__itimer_which_t which, const itimerval* value, itimerval* old) noexcept {
  if (value != nullptr && (value->it_value.tv_sec != 0 || value->it_value.tv_usec != 0)) real_timer();
  return real_setitimer(which, value, old);
}

FILE* popen(const char* command, const char* mode) {
  another_process();
  const real_counter_reads untrapped;  // the new process starts with a real counter
  return real_popen(command, mode);
}

int system(const char* command) {
  another_process();
  const real_counter_reads untrapped;  // the new process starts with a real counter
  return real_system(command);
}

int posix_spawn(pid_t* pid, const char* path, const posix_spawn_file_actions_t* actions,
                const posix_spawnattr_t* attributes, char* const argv[], char* const envp[]) {
  another_process();
  const real_counter_reads untrapped;  // the new process starts with a real counter
  return real_posix_spawn(pid, path, actions, attributes, argv, envp);
}

int posix_spawnp(pid_t* pid, const char* file, const posix_spawn_file_actions_t* actions,
                 const posix_spawnattr_t* attributes, char* const argv[], char* const envp[]) {
  another_process();
  const real_counter_reads untrapped;  // the new process starts with a real counter
  return real_posix_spawnp(pid, file, actions, attributes, argv, envp);
}

}  // extern "C"
