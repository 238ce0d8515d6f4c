#include "death_capture.hpp"

#include <dlfcn.h>
#include <sys/time.h>
#include <ucontext.h>

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <string>

#include "weft/detail/runtime.hpp"
#include "../runtime/program_code.hpp"
#include "../runtime/stack_walk.hpp"
#include "../runtime/symbolize.hpp"
#include "explore.hpp"

namespace weft::detail {
namespace {

std::uint32_t dead_thread = no_thread;
double watchdog = 0;

// The stack of an unmodified program's thread at its abort (weft exec): an
// assert() or abort() is reported at the program's line that called it,
// not at glibc's last free in __assert_fail_base.
constexpr int abort_frames_kept = 32;
const void* abort_frames[abort_frames_kept];
int abort_frame_count = 0;

void keep_abort_stack() {
  abort_frame_count = 0;
  walk_stack(
      [](const void* pc) {
        abort_frames[abort_frame_count++] = pc;
        return abort_frame_count == abort_frames_kept;
      },
      nullptr, 64);
}

/// The innermost frame of abort_frames in the program's own code with a
/// source line (weft's handler, libc's abort and assert and libstdc++'s
/// terminate are left out), or nothing.
std::optional<source_location> program_abort_site() {
  for (int i = 0; i < abort_frame_count; ++i) {
    if (in_system_library(abort_frames[i])) continue;
    const caller_site& site = describe_caller(abort_frames[i]);
    if (site.line == 0 || *site.file == '\0') continue;
    return source_location{site.file, site.line, site.function};
  }
  return std::nullopt;
}

/// From here weft ends the execution: a fault while it does (a heap the
/// program corrupted) dies at once, as dying twice does, instead of
/// re-entering the handler; and its own copies and frees are not the
/// program's.
void weft_takes_over() {
  dead_thread = current_thread_id();
  in_program = false;
}

[[noreturn]] void end_execution(finding_kind kind, const std::string& what) {
  fail(kind, "thread " + std::to_string(dead_thread) + " " + what, location{});
}

bool inside_execution() { return current() != nullptr && current_thread_id() != no_thread; }

// The SIGSEGV handler installed before ours (the runtime's stack-overflow
// handler, when this process ran executions before it forked): it goes first.
struct sigaction earlier_segv {};

extern "C" void on_fatal_signal(int sig, siginfo_t* info, void* context) {
  if (sig == SIGSEGV && (earlier_segv.sa_flags & SA_SIGINFO) != 0 && earlier_segv.sa_sigaction != nullptr) {
    earlier_segv.sa_sigaction(sig, info, context);  // returns unless it was a stack overflow it handled
  }
  if (!inside_execution() || dead_thread != no_thread) {  // not the code under test, or dying twice: die
    ::signal(sig, SIG_DFL);
    ::raise(sig);
    return;
  }
  const bool programs_code = in_program;
  weft_takes_over();
  if (sig == SIGALRM) {
    const std::string seconds = std::to_string(watchdog).substr(0, 4);
    if (const std::string call = interrupted_system_call(context); programs_code && !call.empty()) {
      // The program waits in the kernel in a call weft does not follow (a
      // message queue of System V, a file lock, a FIFO's open...): on real
      // threads the others would run meanwhile; here its wait holds them all.
      end_execution(finding_kind::hang, "has waited for more than " + seconds + " s in a system call weft does not follow (" +
                                            call + "): its wait holds every logical thread, where on real threads "
                                            "the others would run (a limit of weft exec, or a real wait for "
                                            "something outside the process)");
    }
    end_execution(finding_kind::hang, "ran for more than " + seconds +
                                          " s without reaching the execution's end (a loop that never reaches "
                                          "a scheduling point, or a real sleep?)");
  }
  if (sig == SIGABRT && programs_code && fresh_process_per_execution) keep_abort_stack();
  end_execution(finding_kind::crash, "was killed by " + signal_text(sig));
}

extern "C" void on_process_exit(int status, void*) {
  if (!inside_execution() || dead_thread != no_thread) return;
  weft_takes_over();
  end_execution(finding_kind::exit, "ended the process with exit(" + std::to_string(status) + ")");
}

}  // namespace

std::string interrupted_system_call([[maybe_unused]] const void* context) {
#if defined(__x86_64__)
  const auto& registers = static_cast<const ucontext_t*>(context)->uc_mcontext.gregs;
  const auto* ip = reinterpret_cast<const unsigned char*>(registers[REG_RIP]);
  const long long result = registers[REG_RAX];
  const bool after_call = (result == -EINTR || (result <= -512 && result >= -516)) && ip[-2] == 0x0f && ip[-1] == 0x05;
  const bool restarting = ip[0] == 0x0f && ip[1] == 0x05;  // rax holds the call's number again
  if (!after_call && !restarting) return {};
  Dl_info info{};
  if (::dladdr(ip, &info) == 0) return "a system call";
  const char* library = info.dli_fname != nullptr ? std::strrchr(info.dli_fname, '/') : nullptr;
  return std::string(info.dli_sname != nullptr ? info.dli_sname : "a system call") + " in " +
         (library != nullptr ? library + 1 : (info.dli_fname != nullptr ? info.dli_fname : "?"));
#else
  return {};
#endif
}

std::string signal_text(int sig) {
  return std::string("signal ") + std::to_string(sig) + " (" +
         (sigabbrev_np(sig) != nullptr ? std::string("SIG") + sigabbrev_np(sig) + ": " : "") + strsignal(sig) + ")";
}

void capture_deaths(double watchdog_seconds) {
  watchdog = watchdog_seconds;
  struct sigaction sa {};
  sa.sa_sigaction = on_fatal_signal;
  sa.sa_flags = SA_SIGINFO | SA_NODEFER | SA_ONSTACK;  // the handler leaves by switching fibers, never returns
  sigemptyset(&sa.sa_mask);
  ::sigaction(SIGSEGV, &sa, &earlier_segv);
  for (int sig : {SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGALRM}) ::sigaction(sig, &sa, nullptr);
  ::on_exit(on_process_exit, nullptr);
  itimerval timer{};
  timer.it_value.tv_sec = static_cast<time_t>(watchdog_seconds);
  timer.it_value.tv_usec = static_cast<suseconds_t>((watchdog_seconds - double(timer.it_value.tv_sec)) * 1e6);
  ::setitimer(ITIMER_REAL, &timer, nullptr);
}

void locate_captured(finding& f) {  // also stops the watchdog's alarm
  const itimerval off{};
  ::setitimer(ITIMER_REAL, &off, nullptr);
  if (dead_thread == no_thread) return;
  const std::optional<source_location> aborted_at = program_abort_site();
  for (auto e = f.trace.rbegin(); e != f.trace.rend(); ++e) {
    if (e->thread == dead_thread && !e->location.file.empty()) {
      f.locations = {aborted_at.value_or(e->location)};
      f.highlight_steps = {e->step};
      return;
    }
  }
  f.locations.clear();
  if (aborted_at) f.locations = {*aborted_at};
}

}  // namespace weft::detail
