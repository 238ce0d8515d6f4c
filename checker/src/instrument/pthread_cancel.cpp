// pthread_cancel.cpp — deferred thread cancellation inside an execution of
// weft exec, as glibc carries it out.
//
// pthread_cancel(t) makes a cancellation pending for t. While t's
// cancelability is enabled (pthread_setcancelstate), t acts on it at its
// next cancellation point: pthread_testcancel, a condition variable's wait,
// a join, a sleep, a semaphore's wait, a signal wait, and the descriptor
// calls weft follows (read, write, poll, select, epoll_wait, accept, recv,
// send, their variants, and stdio's reads where they wait for a fill). A
// thread blocked in one of those waits is woken for it (thread_interrupt).
// Acting, the thread ends as pthread_exit(PTHREAD_CANCELED) ends it: its
// cleanup handlers run, innermost first (a condition variable's wait has
// taken its mutex back first, as POSIX says), then its C++ destructors,
// then its keys' destructors; a join of it gives
// PTHREAD_CANCELED. Its cancelability is disabled from then on, so a handler
// that waits is not cancelled again. A cancelled condition wait wakes the
// other waiters of its condition variable, as glibc's does, so a signal it
// may have taken is not lost.
//
// Not followed: asynchronous cancellation (PTHREAD_CANCEL_ASYNCHRONOUS acts
// at any instruction): cancelling a thread that set it ends the run with
// one line (exit 2). pthread_cancel orders nothing (POSIX lists it among no
// synchronising calls), so what the cancelled thread's handlers read of the
// canceller's writes is checked as any other access.
#include <errno.h>
#include <pthread.h>

#include "../runtime/execution.hpp"
#include "address_objects.hpp"
#include "interpose.hpp"

namespace weft::detail::instrument {
namespace {

/// Inside a weft_section: the cancellation state of logical thread `id`.
cancel_state& cancel_of(std::uint32_t id) { return current_tables().cancels[id]; }

/// Inside a weft_section: the current thread acts on its cancellation now
/// (pending, enabled, and at a cancellation point): its state says it is
/// being cancelled, and its join value is PTHREAD_CANCELED.
bool cancelling_now() {
  if (!thread_interrupted(true)) return false;
  cancel_state& c = cancel_of(current_thread_id());
  c.pending = false;  // acted on: a handler that enables cancellation again is not cancelled again
  c.enabled = false;
  thread_result(current_tables(), current_thread_id()) = PTHREAD_CANCELED;
  return true;
}

}  // namespace

void cancellation_point() {
  if (!thread_interrupted(false)) return;  // the common case, one flag read
  bool now = false;
  {
    const weft_section weft;
    now = cancelling_now();
  }
  if (now) exit_thread();
}

}  // namespace weft::detail::instrument

using namespace weft::detail;
using namespace weft::detail::instrument;

namespace {
WEFT_REAL(pthread_cancel);
WEFT_REAL(pthread_testcancel);
WEFT_REAL(pthread_setcancelstate);
WEFT_REAL(pthread_setcanceltype);
}  // namespace

extern "C" {

int pthread_cancel(pthread_t thread) {
  if (tables() == nullptr || !is_handle(thread)) return real_pthread_cancel(thread);
  {
    const weft_section weft;
    const std::uint32_t id = id_of(thread);
    if (id >= current()->thread_count()) return ESRCH;
    // Whether the target is cancelled before or after what the canceller
    // does next depends on the schedule.
    thread_point("cancel", location::caller(__builtin_return_address(0)));
    cancel_state& c = cancel_of(id);
    if (c.asynchronous) {
      unsupported("pthread_cancel() of a thread that set PTHREAD_CANCEL_ASYNCHRONOUS",
                  "asynchronous cancellation (it may act at any instruction)");
    }
    c.pending = true;
    if (c.enabled && !thread_ended(id)) thread_interrupt(id);
  }
  // Cancelling itself: pthread_cancel is no cancellation point, the next one acts.
  return 0;
}

void pthread_testcancel() {
  if (tables() == nullptr) return real_pthread_testcancel();
  cancellation_point();
}

int pthread_setcancelstate(int state, int* old) {
  if (tables() == nullptr) return real_pthread_setcancelstate(state, old);
  if (state != PTHREAD_CANCEL_ENABLE && state != PTHREAD_CANCEL_DISABLE) return EINVAL;
  const weft_section weft;
  cancel_state& c = cancel_of(current_thread_id());
  if (old != nullptr) *old = c.enabled ? PTHREAD_CANCEL_ENABLE : PTHREAD_CANCEL_DISABLE;
  c.enabled = state == PTHREAD_CANCEL_ENABLE;
  // A pending cancellation waits while disabled, and is due again once enabled.
  if (!c.enabled) (void)thread_interrupted(true);
  if (c.enabled && c.pending) thread_interrupt(current_thread_id());
  return 0;
}

int pthread_setcanceltype(int type, int* old) {
  if (tables() == nullptr) return real_pthread_setcanceltype(type, old);
  if (type != PTHREAD_CANCEL_DEFERRED && type != PTHREAD_CANCEL_ASYNCHRONOUS) return EINVAL;
  const weft_section weft;
  cancel_state& c = cancel_of(current_thread_id());
  if (old != nullptr) *old = c.asynchronous ? PTHREAD_CANCEL_ASYNCHRONOUS : PTHREAD_CANCEL_DEFERRED;
  c.asynchronous = type == PTHREAD_CANCEL_ASYNCHRONOUS;
  if (c.asynchronous && c.pending && c.enabled) {
    unsupported("pthread_cancel() of a thread that then set PTHREAD_CANCEL_ASYNCHRONOUS",
                "asynchronous cancellation (it may act at any instruction)");
  }
  return 0;
}

}  // extern "C"
