// Under weft exec, what the program does before main: its static
// constructors run once, in the process that becomes the fork server,
// outside any execution. A crash, an exit, an uncaught exception or a hang
// there used to leave weft exec with no answer ("killed by signal 11 before
// answering", or a wait of the whole answer timeout, 600 s): an internal
// error where the program has a bug. From the runtime's first constructor
// to __wrap_main, this guard answers instead, as an execution would: a
// `crash`, `exit`, `uncaught_exception` or `hang` (the watchdog's time
// without reaching main) finding at the program's innermost frame, with a
// schedule of no decisions, whose replay runs the start-up again.
//
// The answer is built in the signal handler of a process that may be
// stuck in libc (a lock of malloc's, the loader's): the handler arms the
// alarm again first, and a second signal writes a short answer made in
// advance and ends the process, so the guard never hangs itself.
// Constructors of shared libraries the program loads run before the
// runtime's and are not guarded.
#include <dlfcn.h>
#include <sys/time.h>
#include <unistd.h>

#include <cmath>
#include <csignal>
#include <cstdlib>
#include <exception>
#include <string>
#include <string_view>
#include <vector>

#include "../explore/death_capture.hpp"
#include "../explore/wire.hpp"
#include "../trace/schedule_codec.hpp"
#include "address_objects.hpp"
#include "exec_request.hpp"
#include "interpose.hpp"
#include "../runtime/stack_walk.hpp"
#include "weft/check.hpp"
#include "weft/result_json.hpp"

namespace weft::detail::instrument {
namespace {

constexpr int guarded_signals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGALRM};

// Constant-initialized: it is set up by a constructor of priority 101, and
// a dynamic initialization of its own, at the default priority, would wipe
// it after that.
struct startup_guard {
  bool armed = false;
  int result_fd = -1;
  double watchdog_seconds = 0;
  const std::string* short_answer = nullptr;  // written by a second signal: made before anything could go wrong
  struct sigaction earlier[std::size(guarded_signals)] {};
  std::terminate_handler earlier_terminate = nullptr;
};
constinit startup_guard guard;
volatile std::sig_atomic_t answering = 0;

/// The answer line of a result with the one finding `f`.
std::string answer_with(finding f) {
  f.schedule = encode_schedule(schedule{{{}}});  // no decision: the start-up runs again
  result r;
  r.findings.push_back(std::move(f));
  r.stats.executions = 1;
  return wire::line(nlohmann::json{{"result", to_json(r)}}) + "\n";
}

void set_timer(double seconds) {
  itimerval timer{};
  timer.it_value.tv_sec = static_cast<time_t>(seconds);
  timer.it_value.tv_usec = static_cast<suseconds_t>((seconds - double(timer.it_value.tv_sec)) * 1e6);
  ::setitimer(ITIMER_REAL, &timer, nullptr);
}

/// Whether the frame at `site` is weft's: the runtime's own code, or one of
/// its definitions of a system library's function (pthread_mutex_lock).
bool weft_frame(const caller_site& site) {
  const std::string_view function = site.function;
  if (function.starts_with("weft::") || std::string_view(site.file).find("/checker/src/") != std::string_view::npos)
    return true;
  if (function.find_first_of(":( ") != std::string_view::npos) return false;
  const std::string name(function);
  return ::dlsym(RTLD_NEXT, name.c_str()) != nullptr;
}

/// The program's innermost frame on this thread's stack that has a source
/// line (unknown: none has).
source_location program_frame() {
  source_location found;
  walk_stack(
      [&found](const void* pc) {
        if (in_system_library(pc)) return false;
        const caller_site& site = describe_caller(pc);
        if (site.line == 0 || weft_frame(site)) return false;
        found = {site.file, site.line, site.function};
        return true;
      },
      nullptr, 64);
  return found;
}

/// Answers `kind` with "the program's start-up ... `what`" and ends the process.
[[noreturn]] void answer_and_end(finding_kind kind, const std::string& what) {
  finding f;
  f.kind = kind;
  f.message = "the program's start-up (its static constructors, before main) " + what;
  if (const source_location at = program_frame(); !at.file.empty()) f.locations.push_back(at);
  wire::write_all(guard.result_fd, answer_with(std::move(f)));
  ::_exit(0);
}

extern "C" void on_startup_signal(int sig, siginfo_t*, void* context) {
  if (!guard.armed) {
    ::signal(sig, SIG_DFL);
    ::raise(sig);
    return;
  }
  if (answering != 0) {  // the answer itself got stuck or crashed: the one made in advance
    const std::string& line = *guard.short_answer;
    [[maybe_unused]] const ssize_t n = ::write(guard.result_fd, line.data(), line.size());
    ::_exit(0);
  }
  answering = 1;
  set_timer(2);  // a way out if building the answer waits on a lock the program holds
  const std::string seconds = std::to_string(guard.watchdog_seconds).substr(0, 4);
  if (sig != SIGALRM) answer_and_end(finding_kind::crash, "was killed by " + signal_text(sig));
  const std::string call = interrupted_system_call(context);
  std::string hang = "did not reach main within " + seconds + " s: " +
                     (call.empty() ? std::string("it runs on (a loop?)") : "it waits in " + call + " (a deadlock?)");
  if (early_thread_count() > 0) {
    hang += "; under weft exec the threads it created start only at main, so a start-up that waits for one of "
            "them waits for ever";
  }
  answer_and_end(finding_kind::hang, hang);
}

extern "C" void on_startup_exit(int status, void*) {
  if (!guard.armed || answering != 0) return;
  answering = 1;
  if (status == 0) {  // ended clean before main: nothing ran that could go wrong
    result clean;
    clean.stats.executions = 1;
    wire::write_all(guard.result_fd, wire::line(nlohmann::json{{"result", to_json(clean)}}) + "\n");
    return;
  }
  finding f;
  f.kind = finding_kind::exit;
  f.message = "the program's start-up (its static constructors, before main) ended the process with exit(" +
              std::to_string(status) + ")";
  if (const source_location at = program_frame(); !at.file.empty()) f.locations.push_back(at);
  wire::write_all(guard.result_fd, answer_with(std::move(f)));
}

void on_startup_terminate() {
  if (guard.armed && answering == 0) {
    answering = 1;
    set_timer(2);
    std::string what = "exception of unknown type";
    try {
      if (std::exception_ptr e = std::current_exception()) std::rethrow_exception(e);
    } catch (const std::exception& e) {
      what = std::string("exception: ") + e.what();
    } catch (...) {
    }
    answer_and_end(finding_kind::uncaught_exception, "ended with an uncaught " + what);
  }
  std::abort();
}

/// The request's --watchdog (`--watchdog=S` or `--watchdog S`), read by hand: the flags' parser uses objects
/// that the constructors of later priority build.
double watchdog_of(const std::vector<std::string>& flags) {
  constexpr std::string_view flag = "--watchdog=";
  double seconds = options{}.watchdog_seconds;
  for (std::size_t i = 0; i < flags.size(); ++i) {
    if (flags[i].starts_with(flag)) seconds = std::strtod(flags[i].c_str() + flag.size(), nullptr);
    if (flags[i] == flag.substr(0, flag.size() - 1) && i + 1 < flags.size()) seconds = std::strtod(flags[++i].c_str(), nullptr);
  }
  return std::isfinite(seconds) ? seconds : 0;
}

// Priority 101: before the program's own constructors (default priority),
// after those of the libraries it links.
[[gnu::constructor(101)]] void guard_startup() {
  const char* text = std::getenv(exec_request_env);
  if (text == nullptr) return;
  try {
    const exec_request request = decode_exec_request(text);
    guard.result_fd = request.result_fd;
    guard.watchdog_seconds = watchdog_of(request.flags);
  } catch (const std::exception&) {
    return;  // __wrap_main answers the bad request
  }
  if (guard.result_fd < 0 || guard.watchdog_seconds <= 0) return;
  finding f;
  f.kind = finding_kind::hang;
  f.message = "the program's start-up (its static constructors, before main) did not reach main, and its stack "
              "could not be read";
  guard.short_answer = new std::string(answer_with(std::move(f)));  // for the process's life
  struct sigaction sa {};
  sa.sa_sigaction = on_startup_signal;
  sa.sa_flags = SA_SIGINFO | SA_NODEFER;
  sigemptyset(&sa.sa_mask);
  for (std::size_t i = 0; i < std::size(guarded_signals); ++i) ::sigaction(guarded_signals[i], &sa, &guard.earlier[i]);
  guard.earlier_terminate = std::set_terminate(on_startup_terminate);
  ::on_exit(on_startup_exit, nullptr);
  guard.armed = true;
  set_timer(guard.watchdog_seconds);
}

}  // namespace

bool deferring_threads() { return guard.armed; }

void startup_reached_main() {
  if (!guard.armed) return;
  guard.armed = false;
  set_timer(0);
  for (std::size_t i = 0; i < std::size(guarded_signals); ++i) ::sigaction(guarded_signals[i], &guard.earlier[i], nullptr);
  std::set_terminate(guard.earlier_terminate);
}

}  // namespace weft::detail::instrument
