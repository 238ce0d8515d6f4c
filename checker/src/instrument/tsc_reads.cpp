// tsc_reads.cpp — the time-stamp counter inside an execution of weft exec.
//
// `rdtsc` and `rdtscp` read the processor's cycle counter, real time that no
// interposed call sees: ZeroMQ's clock (zmq::clock_t::now_ms) reads the
// real clock only when the counter has moved far enough since its last read,
// and every clock read moves logical time (execution::clock_read), so the
// number of reads, and with it the timers and the schedule, depended on
// how fast the machine ran: a schedule recorded on a loaded machine did not
// replay ("decision 143: thread 0 is not enabled"). So each execution
// process has the counter trapped (prctl PR_SET_TSC, PR_TSC_SIGSEGV: the
// instruction raises SIGSEGV) and answers it here:
//  - the program's read (its code or a library's) gets a logical counter,
//    one tick per logical nanosecond from a fixed base, and takes time as a
//    clock read does (so a loop waiting for a number of cycles gets there);
//    the same in every execution that gets there the same way, and in its
//    replay;
//  - a read by weft's own code, by the vDSO's clock_gettime (the real clock
//    weft reads for itself) or by Abseil (find_real_readers) gets the real
//    counter, read with the trap lifted for that instruction; so do the
//    processes the program starts (popen's shell: real_counter_reads).
// Any other SIGSEGV goes to the handler installed before this one, or to
// the one the program installs itself (a crash reporter's: glog's failure
// signal handler, backward-cpp): the program's sigaction() and signal() of
// SIGSEGV, while the counter is trapped, set that handler behind this one
// and answer what it was.
#include <elf.h>
#include <link.h>
#include <signal.h>
#include <sys/prctl.h>
#include <ucontext.h>
#include <x86intrin.h>

#include <chrono>
#include <cstdint>
#include <cstring>

#include "../runtime/execution.hpp"
#include "../runtime/program_code.hpp"
#include "interpose.hpp"
#include "weft/detail/runtime.hpp"

namespace weft::detail::instrument {
namespace {

WEFT_REAL(sigaction);
WEFT_REAL(signal);

struct sigaction earlier {};  // the handler a fault other than a counter read goes to
bool trapped = false;         // inherited, with the handler and the trap, by the processes this one forks
constexpr std::uint64_t logical_base = std::uint64_t{1} << 40;  // about 18 minutes of cycles at 1 GHz

/// The code whose counter reads stay real: [low, high) ranges.
struct code_range {
  std::uintptr_t low, high;
};
constexpr std::size_t most_ranges = 256;
code_range real_readers[most_ranges];
std::size_t real_reader_count = 0;

/// Whether a loaded object's counter reads stay real: the vDSO's (the real
/// clock_gettime under weft's), and Abseil's, which calibrates its cycle
/// clock against the real clock once per process, before the executions
/// fork: its absl::Now() would run at a fraction of logical time from a
/// logical counter (gRPC's thread pool, waiting for its threads at
/// shutdown with absl::Now(), spun past the watchdog).
bool reads_really(const char* name) {
  return name != nullptr && (std::strstr(name, "linux-vdso") != nullptr || std::strstr(name, "libabsl_") != nullptr);
}

void find_real_readers() {
  ::dl_iterate_phdr(
      [](dl_phdr_info* info, std::size_t, void*) {
        if (!reads_really(info->dlpi_name)) return 0;
        for (int i = 0; i < info->dlpi_phnum && real_reader_count < most_ranges; ++i) {
          const ElfW(Phdr)& segment = info->dlpi_phdr[i];
          if (segment.p_type != PT_LOAD || (segment.p_flags & PF_X) == 0) continue;
          const std::uintptr_t low = info->dlpi_addr + segment.p_vaddr;
          real_readers[real_reader_count++] = {low, low + segment.p_memsz};
        }
        return 0;
      },
      nullptr);
}

bool in_real_reader(std::uintptr_t at) {
  for (std::size_t i = 0; i < real_reader_count; ++i) {
    if (at >= real_readers[i].low && at < real_readers[i].high) return true;
  }
  return false;
}

std::uint64_t real_counter() {
  ::prctl(PR_SET_TSC, PR_TSC_ENABLE, 0, 0, 0);
  const std::uint64_t now = __rdtsc();
  ::prctl(PR_SET_TSC, PR_TSC_SIGSEGV, 0, 0, 0);
  return now;
}

std::uint64_t logical_counter() {
  const auto since = std::chrono::duration_cast<std::chrono::nanoseconds>(logical_now().time_since_epoch()).count();
  current()->clock_read();  // reading takes time, as a clock read does
  return logical_base + static_cast<std::uint64_t>(since);
}

/// Answers the counter read that faulted at the context's instruction, or
/// says it was another fault.
bool answer_counter_read(siginfo_t* info, void* context) {
  if (info->si_code != SI_KERNEL) return false;  // a general protection fault, as a trapped rdtsc raises
  auto& registers = static_cast<ucontext_t*>(context)->uc_mcontext.gregs;
  const auto* ip = reinterpret_cast<const unsigned char*>(registers[REG_RIP]);
  int length = 0;
  if (ip[0] == 0x0f && ip[1] == 0x31) length = 2;                             // rdtsc
  if (ip[0] == 0x0f && ip[1] == 0x01 && ip[2] == 0xf9) length = 3;            // rdtscp
  if (length == 0) return false;
  const auto at = reinterpret_cast<std::uintptr_t>(ip);
  const bool programs = in_program && current() != nullptr && !in_real_reader(at);
  const std::uint64_t counter = programs ? logical_counter() : real_counter();
  registers[REG_RAX] = static_cast<greg_t>(counter & 0xffffffffu);
  registers[REG_RDX] = static_cast<greg_t>(counter >> 32);
  if (length == 3) registers[REG_RCX] = 0;  // IA32_TSC_AUX: processor 0
  registers[REG_RIP] += length;
  return true;
}

extern "C" void on_counter_fault(int sig, siginfo_t* info, void* context) {
  if (answer_counter_read(info, context)) return;
  if ((earlier.sa_flags & SA_SIGINFO) != 0 && earlier.sa_sigaction != nullptr) {
    earlier.sa_sigaction(sig, info, context);
    return;
  }
  if (earlier.sa_handler != SIG_DFL && earlier.sa_handler != SIG_IGN) {
    earlier.sa_handler(sig);
    return;
  }
  real_signal(SIGSEGV, SIG_DFL);  // returning re-faults into the default action
}

}  // namespace

void trap_counter_reads() {
  if (trapped) return;
  find_real_readers();
  struct sigaction sa {};
  sa.sa_sigaction = on_counter_fault;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
  sigemptyset(&sa.sa_mask);
  if (real_sigaction(SIGSEGV, &sa, &earlier) != 0) return;
  if (::prctl(PR_SET_TSC, PR_TSC_SIGSEGV, 0, 0, 0) != 0) {  // not allowed here: the reads stay real
    real_sigaction(SIGSEGV, &earlier, nullptr);
    return;
  }
  trapped = true;
}

real_counter_reads::real_counter_reads() noexcept : lifted_(trapped) {
  if (lifted_) ::prctl(PR_SET_TSC, PR_TSC_ENABLE, 0, 0, 0);
}

real_counter_reads::~real_counter_reads() {
  if (lifted_) ::prctl(PR_SET_TSC, PR_TSC_SIGSEGV, 0, 0, 0);
}

}  // namespace weft::detail::instrument

using namespace weft::detail::instrument;

int sigaction(int sig, const struct sigaction* __restrict act, struct sigaction* __restrict old) noexcept {
  if (sig != SIGSEGV || !trapped || !weft::detail::in_program) return real_sigaction(sig, act, old);
  if (old != nullptr) *old = earlier;
  if (act != nullptr) earlier = *act;
  return 0;
}

sighandler_t signal(int sig, sighandler_t handler) noexcept {
  if (sig != SIGSEGV || !trapped || !weft::detail::in_program) return real_signal(sig, handler);
  const sighandler_t was = (earlier.sa_flags & SA_SIGINFO) != 0 ? nullptr : earlier.sa_handler;
  earlier = {};
  earlier.sa_handler = handler;
  earlier.sa_flags = SA_RESTART;  // glibc's signal(): BSD semantics
  return was;
}
