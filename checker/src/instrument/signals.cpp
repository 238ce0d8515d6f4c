// Signals inside an execution of weft exec: the dedicated signal thread.
//
// Servers and daemons block their signals in every thread and take them in
// one thread with sigwait: main blocks SIGTERM before it starts its threads,
// a signal thread waits in sigwait(), and a shutdown path (or a test) sends
// SIGTERM with kill(getpid(), ...), raise() or pthread_kill(). Every logical
// thread runs on one OS thread, so the real calls could not follow this:
// the signal mask is the OS thread's, shared by all, and a real sigwait
// blocked the one thread every logical thread runs on.
//
// So inside an execution weft keeps, per logical thread, the signals it
// blocks (pthread_sigmask, sigprocmask; a new thread starts with its
// creator's), and the signals pending for it and for the process:
//  - a signal sent to a thread (pthread_kill, pthread_sigqueue, raise)
//    that blocks it or waits for it in sigwait is pending for that thread;
//  - a signal sent to the process (kill of its own pid) that a thread waits
//    for, or that every thread blocks, is pending for the process;
//  - sigwait, sigwaitinfo and sigtimedwait take a pending signal of their
//    set, or wait (the weft way: other threads run) until one is sent, or
//    until the timeout in logical time;
//  - sigsuspend and pause wait the same way for a signal the thread does
//    not block (sigsuspend: under the mask it is given), then run its
//    handler in that thread, by the real raise(), and return EINTR;
//  - a pending signal that its thread, or any thread for the process,
//    unblocks is delivered to it there and then (its handler runs before
//    pthread_sigmask returns);
//  - a signalfd reads the pending signals of its mask (signal_fds.cpp);
//  - a handler runs with its signal (unless SA_NODEFER) and its action's
//    sa_mask blocked, as the kernel runs it;
//  - sending a signal happens before taking it, however it is taken;
//  - a signal that the sending thread itself does not block is delivered
//    to it at once, by the real raise(), so its handler runs in that thread
//    as the kernel may choose; a signal only another thread would take, with
//    a handler running asynchronously in it, is refused (one line, exit 2).
// The OS thread's own mask is left alone.
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <cstdint>

#include "../runtime/execution.hpp"
#include "address_objects.hpp"
#include "interpose.hpp"

using namespace weft::detail;
using namespace weft::detail::instrument;

namespace {

WEFT_REAL(pthread_sigmask);
WEFT_REAL(sigprocmask);
WEFT_REAL(sigwait);
WEFT_REAL(sigwaitinfo);
WEFT_REAL(sigtimedwait);
WEFT_REAL(kill);
WEFT_REAL(raise);
WEFT_REAL(sigsuspend);
WEFT_REAL(pause);

constexpr int last_signal = 64;  // SIGRTMAX on Linux

std::uint64_t bit(int signal) { return std::uint64_t{1} << (signal - 1); }
bool valid(int signal) { return signal >= 1 && signal <= last_signal; }

std::uint64_t bits_of(const sigset_t& set) {
  std::uint64_t bits = 0;
  for (int s = 1; s <= last_signal; ++s)
    if (sigismember(&set, s) == 1) bits |= bit(s);
  return bits;
}

/// `set` without SIGKILL and SIGSTOP, which nothing blocks or waits for.
std::uint64_t blockable(const sigset_t& set) { return bits_of(set) & ~(bit(SIGKILL) | bit(SIGSTOP)); }

void to_set(std::uint64_t bits, sigset_t* set) {
  sigemptyset(set);
  for (int s = 1; s <= last_signal; ++s)
    if ((bits & bit(s)) != 0) sigaddset(set, s);
}

/// The signals `thread` blocks, its waits for one, and what is pending.
std::uint64_t& blocked(std::uint32_t thread) { return current_tables().signals.blocked[thread]; }

/// pthread_sigmask's work on the current thread's mask; EINVAL for a bad `how`.
int change_mask(int how, const sigset_t* set, sigset_t* old) {
  std::uint64_t& mask = blocked(current_thread_id());
  if (old != nullptr) to_set(mask, old);
  if (set == nullptr) return 0;
  const std::uint64_t bits = blockable(*set);
  switch (how) {
    case SIG_BLOCK:
      mask |= bits;
      break;
    case SIG_UNBLOCK:
      mask &= ~bits;
      break;
    case SIG_SETMASK:
      mask = bits;
      break;
    default:
      return EINVAL;
  }
  return 0;
}

/// The cv every signal wait sleeps on (each send wakes them all).
cv_state& signal_arrived() {
  address_tables& t = current_tables();
  cv_state& cv = cv_at(t, &t.signals);
  if (cv.given_name == nullptr) give_name(cv, "the program's signals");  // in reports
  return cv;
}

/// Takes the lowest signal of `wanted` pending for `thread` or the process;
/// 0 if none. Taking it acquires what its sending released (the kernel
/// orders a send before the signal's receipt).
int take_pending(std::uint32_t thread, std::uint64_t wanted) {
  signal_state& s = current_tables().signals;
  std::uint64_t& mine = s.pending[thread];
  for (int signal = 1; signal <= last_signal; ++signal) {
    if ((wanted & bit(signal)) == 0) continue;
    std::uint64_t& from = (mine & bit(signal)) != 0 ? mine : s.process_pending;
    if ((from & bit(signal)) == 0) continue;
    from &= ~bit(signal);
    current()->detect().on_atomic_acquire(thread, s.sent);
    signals_changed();
    return signal;
  }
  return 0;
}

/// Waits until a signal of `wanted` is pending, or until `deadline`:
/// the signal, or 0 at the deadline or once the thread is cancelled.
int wait_for_signal(std::uint64_t wanted, const weft::time_point* deadline, const location& where) {
  const std::uint32_t me = current_thread_id();
  auto& waiting = current_tables().signals.waiting;
  for (;;) {
    if (const int signal = take_pending(me, wanted)) return signal;
    if (thread_wait_interrupted()) return 0;  // cancelled (pthread_cancel.cpp): the caller acts
    cv_state& cv = signal_arrived();
    waiting[me] = wanted;      // from now on a sender pends what it waits for
    cv_wait_begin(cv, where);  // a scheduling point: a signal may be sent meanwhile
    if (const int signal = take_pending(me, wanted)) {
      cv_wait_cancel(cv);
      waiting.erase(me);
      return signal;
    }
    const bool in_time = cv_wait_block(cv, deadline, where);
    waiting.erase(me);
    if (!in_time) return take_pending(me, wanted);
  }
}

/// sigwaitinfo's and sigtimedwait's answer: `signal`, said in `info` too.
int taken(int signal, siginfo_t* info) {
  if (info != nullptr) {
    *info = siginfo_t{};
    info->si_signo = signal;
  }
  return signal;
}

/// Whether delivering `signal` does nothing: its action is SIG_IGN, or the
/// default of a signal whose default is to ignore it.
bool ignored(int signal) {
  struct sigaction action {};
  if (sigaction(signal, nullptr, &action) != 0) return false;
  if (action.sa_handler == SIG_IGN) return true;
  if (action.sa_handler != SIG_DFL || (action.sa_flags & SA_SIGINFO) != 0) return false;
  return signal == SIGCHLD || signal == SIGCONT || signal == SIGURG || signal == SIGWINCH;
}

/// sigsuspend's wait, with `mask` as the current thread's mask meanwhile:
/// the signal taken, whose action is not to ignore it. The caller runs its
/// handler (outside the weft section) and then restores the mask. Entering
/// the call is a scheduling point, as entering the system call is: a signal
/// may come between the caller's last look at its flag and the wait, which
/// is the lost signal of pause() that sigsuspend exists to close.
int suspend_until_signal(std::uint64_t mask, const char* call, const location& where) {
  thread_point(call, where);
  blocked(current_thread_id()) = mask;
  for (;;) {
    const int signal = wait_for_signal(~mask, nullptr, where);
    if (signal == 0 || !ignored(signal)) return signal;  // 0: cancelled
  }
}

/// The pending signals the current thread no longer blocks, taken (as a
/// set): the kernel delivers them when the mask changes.
std::uint64_t take_unblocked() {
  const std::uint32_t me = current_thread_id();
  std::uint64_t taken_bits = 0;
  while (const int signal = take_pending(me, ~blocked(me))) taken_bits |= bit(signal);
  return taken_bits;
}

int run_handler(int signal);

/// Runs the handlers of `signals` in the current thread, lowest first.
void deliver(std::uint64_t signals) {
  for (int signal = 1; signal <= last_signal; ++signal)
    if ((signals & bit(signal)) != 0) run_handler(signal);
}

/// Runs `signal`'s handler in the current thread, by the real raise(), with
/// the signal (unless SA_NODEFER) and its action's sa_mask blocked while it
/// runs, as the kernel does: a handler that reaches a scheduling point (an
/// atomic or volatile access) lets other threads run, and one that sends
/// the signal again to this thread meanwhile makes it pending, delivered
/// when the handler returns. Returns what raise() returned.
int run_handler(int signal) {
  std::uint64_t before = 0;
  {
    const weft_section weft;
    std::uint64_t& mask = blocked(current_thread_id());
    before = mask;
    struct sigaction action {};
    if (sigaction(signal, nullptr, &action) == 0) {
      mask |= blockable(action.sa_mask);
      if ((action.sa_flags & SA_NODEFER) == 0) mask |= bit(signal);
    }
  }
  const int result = real_raise(signal);
  std::uint64_t unblocked = 0;
  {
    const weft_section weft;
    blocked(current_thread_id()) = before;
    unblocked = take_unblocked();
  }
  deliver(unblocked);
  return result;
}

bool waits_for(std::uint32_t thread, int signal) {
  const auto& waiting = current_tables().signals.waiting;
  const auto w = waiting.find(thread);
  return w != waiting.end() && (w->second & bit(signal)) != 0;
}

/// What a send does: pends (and wakes the waits), runs the handler here,
/// or is refused.
enum class delivery { pended, here };

/// `call` sends `signal` to logical thread `thread` (`to_process`: to the
/// process, from the current thread).
delivery send(std::uint32_t thread, int signal, bool to_process, const char* call) {
  signal_state& s = current_tables().signals;
  execution& e = *current();
  const std::uint32_t me = current_thread_id();
  bool pend = false;
  if (to_process) {
    bool all_block = true, one_waits = false;
    for (std::uint32_t t = 0; t < e.thread_count(); ++t) {
      if (e.status(t) == thread_status::finished) continue;
      one_waits = one_waits || waits_for(t, signal);
      all_block = all_block && (blocked(t) & bit(signal)) != 0;
    }
    pend = one_waits || all_block;
    if (pend) s.process_pending |= bit(signal);
  } else {
    pend = waits_for(thread, signal) || (blocked(thread) & bit(signal)) != 0;
    if (pend) s.pending[thread] |= bit(signal);
  }
  if (pend) {
    e.detect().on_atomic_release_join(me, s.sent);
    signals_changed();
    cv_notify(signal_arrived(), true, location());
    return delivery::pended;
  }
  if ((to_process || thread == me) && (blocked(me) & bit(signal)) == 0) return delivery::here;
  unsupported(call, "a signal handler running asynchronously in another thread");
}

}  // namespace

namespace weft::detail::instrument {

std::uint64_t signal_bits(const sigset_t& set) { return blockable(set); }

int take_signal(std::uint64_t wanted) { return take_pending(current_thread_id(), wanted); }

int wait_and_take_signal(std::uint64_t wanted, const location& where) {
  return ::wait_for_signal(wanted, nullptr, where);
}

bool signal_pending(std::uint64_t wanted) {
  const signal_state& s = current_tables().signals;
  std::uint64_t pending = s.process_pending;
  for (const auto& [thread, bits] : s.pending) pending |= bits;
  return (pending & wanted) != 0;
}

std::uint64_t current_signal_mask() { return blocked(current_thread_id()); }

void start_signal_mask(std::uint32_t thread, std::uint64_t mask) { blocked(thread) = mask; }

int signal_thread(std::uint32_t thread, int signal, const char* call) {
  if (signal == 0) return 0;
  if (!valid(signal)) return EINVAL;
  bool here = false;
  {
    const weft_section weft;
    here = send(thread, signal, false, call) == delivery::here;
  }
  return here ? run_handler(signal) : 0;
}

}  // namespace weft::detail::instrument

#define WEFT_SIGNAL_CALLER location::caller(__builtin_return_address(0))

extern "C" {

int pthread_sigmask(int how, const sigset_t* set, sigset_t* old) noexcept {
  if (tables() == nullptr) return real_pthread_sigmask(how, set, old);
  std::uint64_t unblocked = 0;
  int error = 0;
  {
    const weft_section weft;
    error = change_mask(how, set, old);
    if (error == 0) unblocked = take_unblocked();
  }
  deliver(unblocked);
  return error;
}

int sigprocmask(int how, const sigset_t* set, sigset_t* old) noexcept {
  if (tables() == nullptr) return real_sigprocmask(how, set, old);
  const int error = pthread_sigmask(how, set, old);
  if (error == 0) return 0;
  errno = error;
  return -1;
}

int sigsuspend(const sigset_t* mask) {
  if (tables() == nullptr) return real_sigsuspend(mask);
  std::uint64_t before = 0;
  const location where = WEFT_SIGNAL_CALLER;
  const int signal = cancellable([&] {
    before = blocked(current_thread_id());
    const int taken_signal = suspend_until_signal(blockable(*mask), "sigsuspend", where);
    if (taken_signal == 0) blocked(current_thread_id()) = before;  // cancelled: the mask back, as the call's return puts it
    return taken_signal;
  });
  run_handler(signal);  // its handler runs under the mask sigsuspend was given
  std::uint64_t unblocked = 0;
  {
    const weft_section weft;
    blocked(current_thread_id()) = before;
    unblocked = take_unblocked();
  }
  deliver(unblocked);
  errno = EINTR;
  return -1;
}

int pause() {
  if (tables() == nullptr) return real_pause();
  const location where = WEFT_SIGNAL_CALLER;
  const int signal = cancellable([&] { return suspend_until_signal(blocked(current_thread_id()), "pause", where); });
  run_handler(signal);
  errno = EINTR;
  return -1;
}

int sigwait(const sigset_t* set, int* signal) {
  if (tables() == nullptr) return real_sigwait(set, signal);
  const location where = WEFT_SIGNAL_CALLER;
  *signal = cancellable([&] { return wait_for_signal(bits_of(*set), nullptr, where); });
  return 0;
}

int sigwaitinfo(const sigset_t* set, siginfo_t* info) {
  if (tables() == nullptr) return real_sigwaitinfo(set, info);
  const location where = WEFT_SIGNAL_CALLER;
  return taken(cancellable([&] { return wait_for_signal(bits_of(*set), nullptr, where); }), info);
}

int sigtimedwait(const sigset_t* set, siginfo_t* info, const timespec* timeout) {
  if (tables() == nullptr) return real_sigtimedwait(set, info, timeout);
  const location where = WEFT_SIGNAL_CALLER;
  const int signal = cancellable([&] {
    if (timeout == nullptr) return wait_for_signal(bits_of(*set), nullptr, where);
    const weft::time_point deadline = logical_now() + duration_of(*timeout);
    return wait_for_signal(bits_of(*set), &deadline, where);
  });
  if (signal == 0) {
    errno = EAGAIN;
    return -1;
  }
  return taken(signal, info);
}

int kill(pid_t pid, int signal) noexcept {
  if (tables() == nullptr || (pid != ::getpid() && pid != 0) || signal == 0) return real_kill(pid, signal);
  if (!valid(signal)) {
    errno = EINVAL;
    return -1;
  }
  bool here = false;
  {
    const weft_section weft;
    here = send(current_thread_id(), signal, true, "kill() of its own process") == delivery::here;
  }
  return here ? run_handler(signal) : 0;
}

int raise(int signal) noexcept {
  if (tables() == nullptr) return real_raise(signal);
  const int error = signal_thread(current_thread_id(), signal, "raise()");
  if (error == 0) return 0;
  errno = error;
  return -1;
}

}  // extern "C"
#undef WEFT_SIGNAL_CALLER
