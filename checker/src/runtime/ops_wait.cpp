// Checked condition variables and semaphores. A waiter registers before the
// caller releases its lock, so a notify between the release and the block is
// not lost (as with a real condition variable); timed waits time out on
// logical time, at whatever point the scheduler lets the deadline pass.
#include "../detect/misuse.hpp"
#include "execution.hpp"

namespace weft::detail {
namespace {

bool no_permit(const void* on) { return static_cast<const semaphore_state*>(on)->count == 0; }

void adopt_cv(execution& e, cv_state& cv) { e.adopt(cv, object_kind::condition_variable, false); }

}  // namespace

void cv_wait_begin(cv_state& cv, const location& where) {
  execution& e = exec();
  adopt_cv(e, cv);
  e.schedule("wait", where, {&cv, access::sync});  // the signal may come between the caller's check and its wait
  if (e.tracing()) e.record("wait", &cv, where);
  logical_thread& me = e.self();
  e.set_waiting(me, wait_kind::condition, &cv);  // registered: a notify from now on reaches us
  me.notified = false;
}

void cv_wait_cancel(cv_state& cv) noexcept {
  execution& e = exec();
  e.set_waiting(e.self(), wait_kind::none, &cv);
}

bool cv_wait_block(cv_state& cv, const time_point* deadline, const location& where) {
  execution& e = exec();
  logical_thread& me = e.self();
  me.relocking = true;
  if (me.notified) {  // notified between registering and blocking
    e.set_waiting(me, wait_kind::none, e.waiting_on(me.id));
    me.notified = false;
    e.check_abort();
    return true;
  }
  const bool woken = e.block(wait_kind::condition, &cv, where, deadline);
  const bool notified = me.notified;
  me.notified = false;
  if (e.tracing()) {
    e.record(notified ? "woken" : (woken ? "spurious_wakeup" : "timeout"), &cv, where);
  }
  if (notified || deadline == nullptr) return true;
  return e.now() < *deadline;
}

void cv_notify(cv_state& cv, bool all, const location& where) {
  execution& e = exec();
  adopt_cv(e, cv);
  e.schedule_nothrow(all ? "notify_all" : "notify_one", where, {&cv, access::sync});
  if (e.aborting()) return;
  if (e.tracing()) e.record(all ? "notify_all" : "notify_one", &cv, where);
  // Waiters in registration order would be a fairness assumption; the
  // strategy picks which waiter a notify_one wakes. A notify that wakes
  // nobody changes nothing: no progress (a loop that notifies on every
  // turn while it polls is a poll, and gives way: fairness.cpp).
  std::uint32_t candidates[64];
  std::uint32_t n = 0;
  e.for_each_waiting(wait_kind::condition, &cv, [&](std::uint32_t i) {
    logical_thread& t = e.thread(i);
    if (!t.notified && e.status(i) != thread_status::finished) {
      if (all) {
        t.notified = true;
        if (e.status(i) == thread_status::blocked) e.wake(t);
      }
      if (n < 64) candidates[n++] = i;
    }
  });
  if (n > 0) e.progressed();
  if (all || n == 0) return;
  logical_thread& t = e.thread(candidates[e.choose(n)]);
  t.notified = true;
  if (e.status(t.id) == thread_status::blocked) e.wake(t);
}

namespace {
void adopt_semaphore(execution& e, semaphore_state& s) {
  if (e.adopt(s, object_kind::semaphore, false)) {
    s.count = s.initial;
    s.clock.clear();
  }
}
}  // namespace

void semaphore_init(semaphore_state& s, std::ptrdiff_t initial, std::ptrdiff_t max) noexcept {
  s.initial = initial;
  s.count = initial;
  s.max = max;
}

bool semaphore_acquire(semaphore_state& s, const time_point* deadline, bool try_only, const location& where) {
  execution& e = exec();
  adopt_semaphore(e, s);
  e.schedule(try_only ? "try_acquire" : "acquire", where, {&s, access::sync});
  if (e.tracing()) e.record(try_only ? "try_acquire" : "acquire", &s, where);
  while (s.count == 0) {
    if (e.self().wait_interrupted()) return false;  // cancelled (thread_interrupt)
    if (try_only) {
      if (e.tracing()) e.record_value("unavailable");
      e.failed_attempt();
      return false;
    }
    // Untimed, the loop only retries: block() may take the retry's step itself.
    if (!e.block(wait_kind::semaphore, &s, where, deadline, no_permit) && deadline != nullptr &&
        e.now() >= *deadline) {
      if (s.count > 0) break;
      if (e.tracing()) e.record("timeout", &s, where);
      return false;
    }
  }
  --s.count;
  if (s.count == 0) e.reblock_waiters(&s);
  e.detect().on_acquire(e.current_id(), s);
  return true;
}

void semaphore_release(semaphore_state& s, std::ptrdiff_t n, const location& where) {
  execution& e = exec();
  adopt_semaphore(e, s);
  e.schedule_nothrow("release", where, {&s, access::sync});
  if (e.aborting()) return;
  if (e.tracing()) e.record("release", &s, where);
  if (n < 0 || s.count + n > s.max) {
    e.report(over_release_misuse(e, s, n, where));
    return;
  }
  s.count += n;
  e.progressed();
  e.detect().on_release(e.current_id(), s);
  e.wake_all(wait_kind::semaphore, &s);
}

}  // namespace weft::detail
