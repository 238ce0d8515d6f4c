// Checked atomics and plain variables. Atomic values are sequentially
// consistent; the memory order decides the happens-before edges an access
// creates (release stores publish the thread's clock, acquire loads join it;
// RMWs continue a release sequence). Plain variables (var<T>) are checked for
// data races with FastTrack's epochs and are not scheduling points: a race
// is found by happens-before whatever the interleaving.
#include "../detect/suppress.hpp"
#include "execution.hpp"

namespace weft::detail {
namespace {

execution& exec() { return *current(); }

bool is_acquire(std::memory_order o) {
  return o == std::memory_order_acquire || o == std::memory_order_acq_rel ||
         o == std::memory_order_seq_cst || o == std::memory_order_consume;
}
bool is_release(std::memory_order o) {
  return o == std::memory_order_release || o == std::memory_order_acq_rel || o == std::memory_order_seq_cst;
}

void adopt_atomic(execution& e, atomic_state& a) {
  if (e.adopt(a, object_kind::atomic, false)) {
    a.clock.clear();
    a.version = 0;
    a.observer = no_thread;
    a.observed_version = 0;
  }
}

void adopt_var(execution& e, var_state& v) {
  if (e.adopt(v, object_kind::var, false)) {
    v.write_thread = no_thread;
    v.write_clock = 0;
    v.read_thread = no_thread;
    v.read_clock = 0;
    v.shared_reads = false;
    v.reads.clear();
  }
}

std::string at(const location& l) {
  return std::string(l.file_name() ? l.file_name() : "?") + ":" + std::to_string(l.line());
}

/// Reports a race and ends the execution, unless a suppression rule matches
/// it: then the execution goes on, as on real threads under ThreadSanitizer.
void race(execution& e, var_state& v, const char* now_kind, const location& where,
                       std::uint32_t other_thread, const char* other_kind, const location& other_where) {
  finding f;
  if (e.tracing()) {
    f.highlight_steps.push_back(std::string_view(other_kind) == "write" ? v.write_event : v.read_event);
    f.highlight_steps.push_back(e.last_event());
  }
  f.kind = finding_kind::data_race;
  f.message = "data race on " + e.name_of(v) + ": " + now_kind + " by thread " +
              std::to_string(e.current_id()) + " at " + at(where) + " and " + other_kind + " by thread " +
              std::to_string(other_thread) + " at " + at(other_where) + ", unordered by happens-before";
  f.locations.push_back(to_location(where));
  f.locations.push_back(to_location(other_where));
  f.details.push_back(std::string(now_kind) + " by thread " + std::to_string(e.current_id()) + " at " + at(where));
  f.details.push_back(std::string(other_kind) + " by thread " + std::to_string(other_thread) + " at " + at(other_where));
  if (!reported(e.settings().detect, e.settings().suppress, f, e.suppressed())) return;
  e.fail(std::move(f));
}

}  // namespace

void atomic_sync(atomic_state& a, atomic_access access, std::memory_order order) {
  execution& e = exec();
  if (e.aborting()) return;
  if (access == atomic_access::load) {
    e.atomic_observed(a);
    if (!is_acquire(order)) return;  // a relaxed load orders nothing
  } else {
    e.atomic_written(a);
  }
  logical_thread& me = e.self();
  if (access != atomic_access::store && is_acquire(order)) me.clock.join(a.clock);
  if (access == atomic_access::store) {
    if (is_release(order)) {
      a.clock = me.clock;
      me.clock.tick(me.id);
    } else {
      a.clock.clear();  // a relaxed store ends the release sequence
    }
  } else if (access == atomic_access::rmw && is_release(order)) {
    a.clock.join(me.clock);
    me.clock.tick(me.id);
  }
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
  if (!e.settings().detect.enabled(finding_kind::data_race)) return;
  logical_thread& me = e.self();
  if (v.write_thread != no_thread && v.write_thread != me.id && v.write_clock > me.clock.get(v.write_thread)) {
    race(e, v, "read", where, v.write_thread, "write", v.write_at);
  }
  const std::uint32_t mine = me.clock.get(me.id);
  if (v.shared_reads) {
    v.reads.set(me.id, mine);
  } else if (v.read_thread == no_thread || v.read_thread == me.id ||
             v.read_clock <= me.clock.get(v.read_thread)) {
    v.read_thread = me.id;  // the previous read happens before this one: keep one epoch
    v.read_clock = mine;
  } else {  // concurrent reads: switch to a read vector clock
    v.shared_reads = true;
    v.reads.clear();
    v.reads.set(v.read_thread, v.read_clock);
    v.reads.set(me.id, mine);
  }
  v.read_at = where;
  if (e.tracing()) v.read_event = e.last_event();
}

void var_write(var_state& v, const location& where) {
  execution& e = exec();
  adopt_var(e, v);
  e.check_abort();  // a finding ended the execution: leave it
  if (e.tracing()) e.record("write", &v, where);
  e.progressed();
  if (!e.settings().detect.enabled(finding_kind::data_race)) return;
  logical_thread& me = e.self();
  if (v.write_thread != no_thread && v.write_thread != me.id && v.write_clock > me.clock.get(v.write_thread)) {
    race(e, v, "write", where, v.write_thread, "write", v.write_at);
  }
  if (v.shared_reads) {
    for (std::uint32_t t = 0; t < v.reads.size(); ++t) {
      if (t != me.id && v.reads.get(t) > me.clock.get(t)) race(e, v, "write", where, t, "read", v.read_at);
    }
  } else if (v.read_thread != no_thread && v.read_thread != me.id && v.read_clock > me.clock.get(v.read_thread)) {
    race(e, v, "write", where, v.read_thread, "read", v.read_at);
  }
  v.write_thread = me.id;
  v.write_clock = me.clock.get(me.id);
  v.write_at = where;
  if (e.tracing()) v.write_event = e.last_event();
  v.shared_reads = false;
  v.read_thread = no_thread;
  v.reads.clear();
}

}  // namespace weft::detail
