// Checked atomics and plain variables. Atomic values are sequentially
// consistent; the memory order decides the happens-before edges an access
// creates (detect/happens_before.hpp). Plain variables (var<T>) are not
// scheduling points: each access goes to the race detector (detect/race.hpp),
// which finds a race by happens-before whatever the interleaving.
#include "execution.hpp"

namespace weft::detail {
namespace {

execution& exec() { return *current(); }

void adopt_atomic(execution& e, atomic_state& a) {
  if (e.adopt(a, object_kind::atomic, false)) {
    a.clock.clear();
    a.version = 0;
    a.observer = no_thread;
    a.observed_version = 0;
  }
}

void adopt_var(execution& e, var_state& v) {
  if (e.adopt(v, object_kind::var, false)) detectors::on_adopt(v);
}

}  // namespace

void atomic_sync(atomic_state& a, atomic_access access, std::memory_order order) {
  execution& e = exec();
  if (e.aborting()) return;
  if (access == atomic_access::load) {
    e.atomic_observed(a);
    if (!happens_before::is_acquire(order)) return;  // a relaxed load orders nothing
  } else {
    e.atomic_written(a);
  }
  e.detect().on_atomic(e.current_id(), a, access, order);
}

void atomic_point(atomic_state& a, const location& where) {
  execution& e = exec();
  adopt_atomic(e, a);
  e.schedule("compare_exchange", where, {&a, access::write});
  if (e.tracing()) e.record("compare_exchange", &a, where);
}

void atomic_op(atomic_state& a, atomic_access access, std::memory_order order, const location& where) {
  execution& e = exec();
  adopt_atomic(e, a);
  static constexpr const char* names[] = {"atomic_load", "atomic_store", "atomic_rmw"};
  const char* name = names[static_cast<int>(access)];
  if (access == atomic_access::load) {
    e.schedule(name, where, {&a, access::read});
  } else {
    e.schedule_nothrow(name, where, {&a, access::write});  // stores may run in destructors
    if (e.aborting()) return;
  }
  if (e.tracing()) e.record(name, &a, where);
  atomic_sync(a, access, order);
}

void atomic_rmw_unchanged(atomic_state& a) noexcept {
  execution& e = exec();
  if (!e.aborting()) e.atomic_unwritten(a);
}

void var_read(var_state& v, const location& where) {
  execution& e = exec();
  adopt_var(e, v);
  e.check_abort();  // a finding ended the execution: leave it
  if (e.tracing()) e.record("read", &v, where);
  e.detect().on_read(e, e.current_id(), v, where, e.tracing() ? e.last_event() : 0);
}

void var_write(var_state& v, const location& where) {
  execution& e = exec();
  adopt_var(e, v);
  e.check_abort();  // a finding ended the execution: leave it
  if (e.tracing()) e.record("write", &v, where);
  e.progressed();
  e.detect().on_write(e, e.current_id(), v, where, e.tracing() ? e.last_event() : 0);
}

}  // namespace weft::detail
