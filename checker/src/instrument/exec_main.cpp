// The main() of an instrumented program (linked with -Wl,--wrap=main, so this
// __wrap_main runs instead and calls the program's own as __real_main).
// Without WEFT_EXEC_REQUEST the program runs as it always does. With it
// (`weft exec`, exec_request.hpp), this process becomes the fork server:
// it explores schedules of main() with every execution in a fresh child
// forked from here, before main ever ran (globals, heap and file descriptors
// start clean), and answers with the result on the request's descriptor.
// exit() is interposed too: inside an execution, exit(0) (or main's return)
// runs the program's exit work (exit_handlers.cpp) and ends the execution as
// a process ends (its other threads with it); exit(N) is a finding.
#include <fcntl.h>
#include <malloc.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include "../explore/explore.hpp"
#include "../explore/wire.hpp"
#include "../runtime/execution.hpp"
#include "../runtime/thread_storage.hpp"
#include "../runtime/weft_fds.hpp"
#include "address_objects.hpp"
#include "descriptors.hpp"
#include "exec_request.hpp"
#include "interpose.hpp"
#include "scheduler_flags.hpp"
#include "weft/result_json.hpp"

extern "C" int __real_main(int argc, char** argv, char** envp);

// What `weft exec` looks for in the file.
extern "C" [[gnu::used]] const char weft_instrumented_marker[] = "weft-instrumented-runtime-v1";

namespace weft::detail::instrument {

bool volatile_plain = false;

namespace {

/// The stack every logical thread of the program gets: what its real
/// threads would have, so that recursion that fits there fits here (a
/// stack overflow finding on a program that runs is a false positive).
/// glibc gives a new thread its default attribute's size (the stack rlimit
/// when the process started, 8 MiB by default), and main the rlimit itself:
/// the larger of the two, at least 2 MiB, main's capped at 64 MiB when
/// unlimited. Fiber stacks are reserved, not committed (MAP_NORESERVE): only
/// the pages a thread touches cost memory. --stack-size raises it. A thread
/// created with attributes gets the stack size they give instead, smaller or
/// larger (pthread_interpose.cpp).
std::size_t program_stack_size() {
  constexpr std::size_t floor = std::size_t{2} << 20;
  constexpr std::size_t main_cap = std::size_t{64} << 20;
  std::size_t size = floor;
  pthread_attr_t attr;
  if (::pthread_getattr_default_np(&attr) == 0) {
    std::size_t thread_default = 0;
    if (::pthread_attr_getstacksize(&attr, &thread_default) == 0) size = std::max(size, thread_default);
    ::pthread_attr_destroy(&attr);
  }
  rlimit limit{};
  if (::getrlimit(RLIMIT_STACK, &limit) == 0) {
    const std::size_t main_stack =
        limit.rlim_cur == RLIM_INFINITY ? main_cap : std::min<std::size_t>(limit.rlim_cur, main_cap);
    size = std::max(size, main_stack);
  }
  return size;
}

int result_fd = -1;  // the request's, in the fork server and its children

/// What the program's start-up made of SIGCHLD (a daemon's SIG_IGN, or a
/// handler that reaps every child with waitpid(-1)): the fork server puts
/// the default back, for the executions it forks are its children to wait
/// for (ignored, they were reaped by the kernel and weft's waitpid failed;
/// a reaper took them first), and each execution has the program's again.
struct sigaction program_sigchld {};

void take_sigchld_back() {
  ::sigaction(SIGCHLD, nullptr, &program_sigchld);
  struct sigaction dfl {};
  dfl.sa_handler = SIG_DFL;
  sigemptyset(&dfl.sa_mask);
  ::sigaction(SIGCHLD, &dfl, nullptr);
}

[[noreturn]] void program_ended(int status, const location& where) {
  if (status != 0) fail(finding_kind::exit, "the program ended with exit status " + std::to_string(status), where);
  // A process does not stop at once: its other threads may run while it
  // exits (a detached worker writing what main just read is a race), so the
  // end is a scheduling point like any visible operation.
  thread_yield(where);
  run_program_exit_handlers();  // as exit() runs them, the other threads still running
  current()->end_program();
}

/// Main ended with pthread_exit in this execution (a process per execution:
/// set once, never cleared).
bool main_exited = false;

int serve(const exec_request& request, int argc, char** argv, char** envp) {
  const int fd = request.result_fd;
  result_fd = fd;
  weft_fds::keep(fd);
  ::fcntl(fd, F_SETFD, FD_CLOEXEC);  // not for programs this one starts
  const auto answer = [fd](const nlohmann::json& j) { wire::write_all(fd, wire::line(j) + "\n"); };
  options o;
  try {
    o = cli::options_from_flags(request.flags);
  } catch (const std::exception& e) {
    answer({{"error", e.what()}, {"status", 2}});
    return 2;
  }
  o.supervised = true;
  o.stack_size = std::max(o.stack_size, program_stack_size());
  volatile_plain = o.volatile_plain;
  fresh_process_per_execution = true;
  remove_ipc_left_behind_by_executions();
  child_process_ended = [](pid_t pid) {  // what an execution's process leaves behind
    remove_ipc_left_by(pid);
    remove_openmp_registration_of(pid);
  };
  capture_stdin();
  take_sigchld_back();
  const auto body = [argc, argv, envp] {
    give_stdin_to_execution();
    ::sigaction(SIGCHLD, &program_sigchld, nullptr);
    trap_counter_reads();   // rdtsc: logical time from here on (this execution's process)
    start_early_threads();  // what the start-up created, as the execution's first threads
    int status = 0;
    const bool exited = run_until_thread_exit([&] {
      const program_section program;
      status = __real_main(argc, argv, envp);
    });
    if (exited) {  // pthread_exit in main: it ends as another thread does, and the others go on
      main_exited = true;
      thread_exit_work();  // the process's exit work too, when no other thread is left
      return;
    }
    program_ended(status, location());
  };
  capture_program_output = !request.replay;  // a replay prints as it runs
  if (!request.replay) {  // N executions would print N copies of the program's output
    const int devnull = ::open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (devnull >= 0) {
      ::dup2(devnull, STDOUT_FILENO);
      ::dup2(devnull, STDERR_FILENO);
      ::close(devnull);
    }
  }
  try {
    const result r = request.replay ? replay(body, *request.replay, o) : check(body, o);
    answer({{"result", to_json(r)}});
  } catch (const std::invalid_argument& e) {  // a malformed schedule
    answer({{"error", std::string("weft exec: ") + e.what()}, {"status", 2}});
    return 2;
  } catch (const std::exception& e) {
    answer({{"error", std::string("weft exec: ") + e.what()}, {"status", 3}});
    return 3;
  }
  return 0;
}

}  // namespace

void descriptor_closing(int fd) {
  const weft_section weft;
  signal_fd_closed(fd);
  timer_fd_closed(fd);
  internal_fd_closed(fd);
  file_lock_fd_closed(fd);
  fifo_fd_closed(fd);
}

void exit_if_last_thread() {
  if (!main_exited) return;
  execution& e = *current();
  const std::uint32_t me = e.current_id();
  for (std::uint32_t id = 0; id < e.thread_count(); ++id) {
    if (id != me && e.status(id) != thread_status::finished) return;
  }
  // Every thread's end happens before the exit: glibc counts the live
  // threads with an atomic decrement at each thread's end, and the one that
  // takes it to zero, having read every earlier one, runs exit(0).
  for (std::uint32_t id = 0; id < e.thread_count(); ++id) {
    if (id != me) e.detect().on_join(me, id);
  }
  program_ended(0, location());
}

[[noreturn]] void unsupported(const char* what, const char* why) {
  // The answer goes straight to weft exec (the first line it reads), and the
  // fork server ends with this process: nothing else can be trusted.
  const std::string line = wire::line(nlohmann::json{{"error", std::string("weft exec: the program calls ") + what +
                                                        ", which weft exec does not follow (" + why + ")"},
                                           {"status", 2},
                                           {"unsupported", what}}) +
                           "\n";
  if (result_fd >= 0) wire::write_all(result_fd, line);
  // What this process leaves behind, the fork server no longer removes.
  remove_ipc_left_by(::getpid());
  remove_openmp_registration_of(::getpid());
  ::kill(::getppid(), SIGKILL);
  ::_exit(2);
}

}  // namespace weft::detail::instrument

using namespace weft::detail;

extern "C" int __wrap_main(int argc, char** argv, char** envp) {
  const char* text = std::getenv(exec_request_env);
  if (text == nullptr) return __real_main(argc, argv, envp);
  instrument::startup_reached_main();
  exec_request request;
  try {
    request = decode_exec_request(text);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "weft exec: %s\n", e.what());
    return 2;
  }
  ::unsetenv(exec_request_env);  // programs this one starts are not weft's
  // A whole program has thread_locals (libc's and libstdc++'s included):
  // logical threads always get their own.
  ::unsetenv("WEFT_THREAD_STORAGE");
  (void)per_thread_storage();  // probed here, once for every execution forked
  // The symboliser opened and the program's debug information read once
  // here, not again in every execution that names a place (a finding, a
  // new lock-order edge): each inherits it.
  (void)describe_caller(reinterpret_cast<const void*>(&__real_main));
  instrument::find_library_wait_pool(reinterpret_cast<const void*>(&__real_main));
  // ...and its freed memory consolidated here, once: else the first large
  // allocation of every execution consolidates it (malloc_consolidate), a
  // write to each page of the heap and a copy-on-write fault for each.
  ::malloc_trim(0);
  instrument::offer_itt_collector();
  instrument::find_tool_code();
  instrument::find_fiber_code();
  instrument::find_callback_libraries();
  const int status = instrument::serve(request, argc, argv, envp);
  std::fflush(nullptr);
  ::_exit(status);  // main never ran in this process: none of its atexit work either
}

namespace {
WEFT_REAL(exit);
WEFT_REAL(fork);
WEFT_REAL(execve);
WEFT_REAL(clone);
WEFT_REAL(close);
WEFT_REAL(close_range);
WEFT_REAL(closefrom);

/// close_range() over [first, last] but weft's descriptors.
int close_range_but_weft(unsigned first, unsigned last, int flags) {
  std::array<int, 4> kept = weft_fds::all();
  std::sort(kept.begin(), kept.end());
  unsigned from = first;
  for (int fd : kept) {
    if (fd < 0 || static_cast<unsigned>(fd) < from || static_cast<unsigned>(fd) > last) continue;
    if (static_cast<unsigned>(fd) > from && real_close_range(from, static_cast<unsigned>(fd) - 1, flags) != 0) return -1;
    if (static_cast<unsigned>(fd) == last) return 0;
    from = static_cast<unsigned>(fd) + 1;
  }
  return real_close_range(from, last, flags);
}
}  // namespace

// A program that closes descriptors it did not open (a daemon closing every
// one) does not close weft's (runtime/weft_fds.hpp): to it they do not exist.
extern "C" int close(int fd) {
  if (instrument::tables() != nullptr && weft_fds::kept(fd)) {
    errno = EBADF;
    return -1;
  }
  if (instrument::tables() != nullptr) {
    instrument::descriptor_hanging_up(fd, "close", WEFT_PC);
    instrument::descriptor_closing(fd);
  }
  return real_close(fd);
}

extern "C" int close_range(unsigned first, unsigned last, int flags) noexcept {
  if (instrument::tables() == nullptr || (flags & CLOSE_RANGE_CLOEXEC) != 0 || first > last) {
    return real_close_range(first, last, flags);
  }
  return close_range_but_weft(first, last, flags);
}

extern "C" void closefrom(int lowest) noexcept {
  if (lowest < 0) lowest = 0;
  if (instrument::tables() == nullptr) {
    real_closefrom(lowest);
    return;
  }
  close_range_but_weft(static_cast<unsigned>(lowest), ~0U, 0);
}

extern "C" [[noreturn]] void exit(int status) noexcept(noexcept(std::exit(0))) {
  if (instrument::tables() != nullptr) {
    const instrument::weft_section weft;
    instrument::program_ended(status, location::caller(__builtin_return_address(0)));
  }
  real_exit(status);
  __builtin_unreachable();
}

// A program that starts other processes: weft exec runs one process per
// execution and cannot follow a second one (documented in docs/guide.md).
extern "C" pid_t fork() noexcept {
  if (instrument::tables() != nullptr) instrument::unsupported("fork()", "one process per execution");
  return real_fork();
}

// vfork() and clone() start another process the same way (GoogleTest's
// "threadsafe" death tests clone one that execs the test binary again), or,
// with CLONE_VM, a thread weft would not see: refused as fork() is, rather
// than leaving a read of the child's pipe to look like a deadlock.
extern "C" pid_t vfork() noexcept {
  if (instrument::tables() != nullptr) instrument::unsupported("vfork()", "one process per execution");
  // A wrapper cannot vfork: the child would return through the frame it
  // shares with its parent. A fork is what POSIX allows vfork() to be.
  return real_fork();
}

extern "C" int clone(int (*entry)(void*), void* stack, int flags, void* arg, ...) noexcept {
  if (instrument::tables() != nullptr) instrument::unsupported("clone()", "one process per execution");
  va_list more;
  va_start(more, arg);
  auto* parent_tid = va_arg(more, pid_t*);
  void* tls = va_arg(more, void*);
  auto* child_tid = va_arg(more, pid_t*);
  va_end(more);
  return real_clone(entry, stack, flags, arg, parent_tid, tls, child_tid);
}

extern "C" int execve(const char* path, char* const argv[], char* const envp[]) noexcept {
  if (instrument::tables() != nullptr) instrument::unsupported("execve()", "one process per execution");
  return real_execve(path, argv, envp);
}
