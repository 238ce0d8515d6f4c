// Under weft exec, every execution of the program reads the same standard
// input. The executions are processes forked from one fork server, and
// they shared its standard input: the first one to read a pipe consumed
// it, and every later one found it empty, or, from a file, found the
// offset where the previous one stopped. A correct program that reads its
// input (`echo 3 | weft exec -- ./prog`) was an `exit` finding at its
// second execution.
//
// So the fork server reads its standard input, when it is a pipe, a FIFO,
// a socket or a file, to its end, into a memory file, from a thread of its
// own (a process that never reads its input must not wait for a writer
// that never closes it), and each execution reads a copy of its own from
// the start: a new open file description of the memory file when the
// input had ended before the execution began (almost always: the server
// waits up to 50 ms for it), else a pipe that a thread of the
// execution's own feeds as the input arrives, so a read waits as it would
// on the real input. A terminal, /dev/null or a closed descriptor is left
// as it is.
#include <fcntl.h>
#include <linux/futex.h>
#include <pthread.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <algorithm>
#include <cstdint>
#include <new>
#include <string>
#include <thread>

#include "../runtime/weft_fds.hpp"
#include "address_objects.hpp"

namespace weft::detail::instrument {
namespace {

/// What the capture shares with the executions (a shared page: the
/// executions are forks, and the capture goes on after they start).
struct captured_input {
  std::atomic<std::uint64_t> bytes{0};    // bytes captured so far
  std::atomic<std::uint32_t> ended{0};    // 1: the input ended (or failed); bytes is final
  std::atomic<std::uint32_t> changes{0};  // counts the updates of the two: a futex word
};

captured_input* shared = nullptr;
int memory_file = -1;

/// Waits until shared->changes is no longer `seen`.
void wait_for_change(std::uint32_t seen) {
  ::syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(&shared->changes), FUTEX_WAIT, seen, nullptr, nullptr, 0);
}
/// After an update of bytes or ended.
void announce_change() {
  shared->changes.fetch_add(1, std::memory_order_release);
  ::syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(&shared->changes), FUTEX_WAKE, INT32_MAX, nullptr, nullptr, 0);
}

/// Starts `body(arg)` on a real thread that no signal is delivered to (the
/// process's signals are the program's and weft's watchdog's).
void start_quiet_thread(void* (*body)(void*), void* arg) {
  sigset_t all, was;
  ::sigfillset(&all);
  ::pthread_sigmask(SIG_SETMASK, &all, &was);
  pthread_t t;
  if (::pthread_create(&t, nullptr, body, arg) == 0) ::pthread_detach(t);
  ::pthread_sigmask(SIG_SETMASK, &was, nullptr);
}

/// The fork server's thread: standard input into the memory file, to its end.
void* capture(void*) {
  char buffer[64 * 1024];
  std::uint64_t at = 0;
  for (;;) {
    const ssize_t n = ::read(STDIN_FILENO, buffer, sizeof buffer);
    if (n <= 0) break;
    for (ssize_t done = 0; done < n;) {
      const ssize_t w = ::pwrite(memory_file, buffer + done, static_cast<std::size_t>(n - done), static_cast<off_t>(at));
      if (w <= 0) {
        shared->ended.store(1, std::memory_order_release);
        announce_change();
        return nullptr;
      }
      done += w;
      at += static_cast<std::uint64_t>(w);
    }
    shared->bytes.store(at, std::memory_order_release);
    announce_change();
  }
  shared->ended.store(1, std::memory_order_release);
  announce_change();
  return nullptr;
}

/// An execution's thread: the captured input, from its start, into the
/// pipe whose write end is `arg`, as it arrives; the pipe closes at its end.
void* feed(void* arg) {
  const int pipe_in = static_cast<int>(reinterpret_cast<std::intptr_t>(arg));
  char buffer[64 * 1024];
  std::uint64_t sent = 0;
  for (;;) {
    const std::uint32_t seen = shared->changes.load(std::memory_order_acquire);
    const bool ended = shared->ended.load(std::memory_order_acquire) != 0;
    const std::uint64_t have = shared->bytes.load(std::memory_order_acquire);
    while (sent < have) {
      const std::size_t want = static_cast<std::size_t>(std::min<std::uint64_t>(have - sent, sizeof buffer));
      const ssize_t n = ::pread(memory_file, buffer, want, static_cast<off_t>(sent));
      if (n <= 0 || ::write(pipe_in, buffer, static_cast<std::size_t>(n)) != n) {
        ::close(pipe_in);
        return nullptr;
      }
      sent += static_cast<std::uint64_t>(n);
    }
    if (ended) break;
    wait_for_change(seen);
  }
  ::close(pipe_in);
  return nullptr;
}

bool worth_capturing(int fd) {
  struct stat s;
  if (::fstat(fd, &s) != 0) return false;
  return S_ISFIFO(s.st_mode) || S_ISSOCK(s.st_mode) || S_ISREG(s.st_mode);
}

}  // namespace

void capture_stdin() {
  if (!worth_capturing(STDIN_FILENO)) return;
  memory_file = ::memfd_create("weft-stdin", MFD_CLOEXEC);
  void* page = ::mmap(nullptr, sizeof(captured_input), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  if (memory_file < 0 || page == MAP_FAILED) {
    if (memory_file >= 0) ::close(memory_file);
    memory_file = -1;
    return;
  }
  shared = new (page) captured_input;
  weft_fds::keep(memory_file);
  start_quiet_thread(&capture, nullptr);
  // Input from a file or a finished writer ends at once: wait a little for
  // it, so that executions get the plain copy (a pipe nobody closes, as
  // some CI runners give, costs this once per run).
  const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(50);
  while (shared->ended.load() == 0 && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

void give_stdin_to_execution() {
  if (shared == nullptr) return;
  if (shared->ended.load(std::memory_order_acquire) != 0) {
    const std::string path = "/proc/self/fd/" + std::to_string(memory_file);
    const int own = ::open(path.c_str(), O_RDONLY);  // an offset of its own, at 0
    if (own >= 0) {
      ::dup2(own, STDIN_FILENO);
      ::close(own);
    }
    return;
  }
  int ends[2];
  if (::pipe2(ends, O_CLOEXEC) != 0) return;
  ::dup2(ends[0], STDIN_FILENO);  // dup2 leaves FD_CLOEXEC off on the copy
  ::close(ends[0]);
  start_quiet_thread(&feed, reinterpret_cast<void*>(static_cast<std::intptr_t>(ends[1])));
}

}  // namespace weft::detail::instrument
