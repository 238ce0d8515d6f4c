// Checked mutexes: plain, recursive and shared. Locking is a scheduling
// point; a contended lock blocks until the holder releases; misuse (relock of
// a plain mutex, unlock by a non-owner, destroying a held mutex) is a finding
// (its text: detect/misuse.hpp). Acquisitions and releases go to the
// detectors (happens-before, lock order, locks held at a thread's end).
#include "../detect/misuse.hpp"
#include "execution.hpp"

namespace weft::detail {
namespace {

void adopt(execution& e, mutex_state& m) {
  if (e.adopt(m, m.kind, false)) {
    m.owner = no_thread;
    m.recursion = 0;
    m.readers = 0;
    m.writers_waiting = 0;
    m.death = mutex_state::owner_death::none;
    m.clock.clear();
    m.released_by = no_thread;
    m.polls = 0;
  }
}

void acquired(execution& e, mutex_state& m, const location& where, bool exclusive, bool blocking) {
  logical_thread& me = e.self();
  if (exclusive) {
    m.owner = me.id;
    m.recursion = 1;
    m.acquired_at = where;
  } else {
    ++m.readers;
  }
  e.lock_acquired(m);
  e.reblock_waiters(&m);
  e.detect().on_acquire(e, me.id, m, where, blocking, exclusive);
}

// The conditions the blocking loops below retry on (see execution::block).
bool taken(const void* on) {
  const auto& m = *static_cast<const mutex_state*>(on);
  return m.owner != no_thread || m.readers > 0;
}
/// A reader waits: the lock is taken exclusively, or a writer waits for it
/// and writers go first.
bool readers_held_off(const void* on) {
  const auto& m = *static_cast<const mutex_state*>(on);
  return m.owner != no_thread || (m.writers_first && m.writers_waiting > 0);
}

[[noreturn]] void relock(execution& e, mutex_state& m, const location& where) {
  e.fail(relock_misuse(e, m, where));
}

}  // namespace

void on_create(object_header& h, object_kind kind) noexcept {
  execution* e = current();
  if (e == nullptr || !e->adopt(h, kind, true)) return;
  if (kind == object_kind::atomic) static_cast<atomic_state&>(h).history = e->memory().add_object();
}

void on_destroy_mutex(mutex_state& m) noexcept {
  execution* e = current();
  if (e == nullptr || !e->owns(m) || e->aborting()) return;
  if (m.owner != no_thread || m.readers > 0) {
    e->report(destroy_held_misuse(*e, m));
  }
}

void mutex_lock(mutex_state& m, const location& where) {
  execution& e = exec();
  adopt(e, m);
  e.check_abort();  // a finding ended the execution: leave it
  e.lock_polled(m);
  e.schedule("lock", where, {&m, access::sync});
  if (e.tracing()) e.record("lock", &m, where);
  logical_thread& me = e.self();
  if (m.owner == me.id) {
    if (m.kind == object_kind::recursive_mutex) {
      ++m.recursion;
      return;
    }
    relock(e, m, where);
  }
  if (taken(&m)) {
    ++m.writers_waiting;  // an abandoned execution leaves it counted: adopt() resets it
    while (taken(&m)) e.block(wait_kind::mutex, &m, where, nullptr, taken);
    --m.writers_waiting;
  }
  acquired(e, m, where, true, true);
}

bool mutex_try_lock(mutex_state& m, const location& where) {
  execution& e = exec();
  adopt(e, m);
  e.check_abort();
  e.schedule("try_lock", where, {&m, access::sync});
  if (e.tracing()) e.record("try_lock", &m, where);
  logical_thread& me = e.self();
  if (m.owner == me.id && m.kind == object_kind::recursive_mutex) {
    ++m.recursion;
    return true;
  }
  if (m.owner != no_thread || m.readers > 0) {
    if (e.tracing()) e.record_value("busy");
    e.failed_attempt();
    return false;
  }
  acquired(e, m, where, true, false);
  return true;
}

void mutex_unlock(mutex_state& m, const location& where) {
  execution& e = exec();
  adopt(e, m);
  logical_thread& me = e.self();
  if (m.owner != me.id) {
    if (e.aborting()) return;
    e.report(unlock_not_held_misuse(e, m, false, where));
    return;  // unlock may run in a destructor: the next scheduling point unwinds
  }
  e.schedule_nothrow("unlock", where, {&m, access::sync});
  if (e.tracing() && !e.aborting()) e.record("unlock", &m, where);
  if (--m.recursion > 0) return;
  m.owner = no_thread;
  e.lock_released(m);
  e.detect().on_release(me.id, m, true);
  e.wake_all(wait_kind::mutex, &m, wait_kind::mutex_shared);
}

void mutex_lock_shared(mutex_state& m, const location& where) {
  execution& e = exec();
  adopt(e, m);
  e.check_abort();  // a finding ended the execution: leave it
  e.lock_polled(m);
  e.schedule("lock_shared", where, {&m, access::sync});
  if (e.tracing()) e.record("lock_shared", &m, where);
  if (m.owner == e.current_id()) relock(e, m, where);
  while (readers_held_off(&m)) e.block(wait_kind::mutex_shared, &m, where, nullptr, readers_held_off);
  acquired(e, m, where, false, true);
}

bool mutex_try_lock_shared(mutex_state& m, const location& where) {
  execution& e = exec();
  adopt(e, m);
  e.check_abort();
  e.schedule("try_lock_shared", where, {&m, access::sync});
  if (e.tracing()) e.record("try_lock_shared", &m, where);
  if (readers_held_off(&m)) {
    e.failed_attempt();
    return false;
  }
  acquired(e, m, where, false, false);
  return true;
}

void mutex_unlock_shared(mutex_state& m, const location& where) {
  execution& e = exec();
  adopt(e, m);
  logical_thread& me = e.self();
  if (m.readers == 0) {
    if (e.aborting()) return;
    e.report(unlock_not_held_misuse(e, m, true, where));
    return;
  }
  e.schedule_nothrow("unlock_shared", where, {&m, access::sync});
  if (e.tracing() && !e.aborting()) e.record("unlock_shared", &m, where);
  --m.readers;
  e.lock_released(m);
  e.detect().on_release(me.id, m, false);
  if (m.readers == 0) e.wake_all(wait_kind::mutex, &m);
}

}  // namespace weft::detail
