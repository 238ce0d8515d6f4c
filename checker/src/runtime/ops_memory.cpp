// Checked atomics and plain variables. Each atomic access is a scheduling
// point; what it reads and where its store goes is the memory model's
// (memory/atomic_memory.hpp), which also says what it synchronises with.
// The spin detection of fairness.cpp sees every write and observation.
// Plain variables (var<T>) are not scheduling points: each access goes to
// the race detector (detect/race.hpp), which finds a race by happens-before
// whatever the interleaving.
#include <cstring>

#include "../memory/value_bytes.hpp"
#include "execution.hpp"

namespace weft::detail {
namespace {

void adopt_atomic(execution& e, atomic_state& a) {
  if (e.adopt(a, object_kind::atomic, false)) {
    a.history = e.memory().add_object();
    a.version = 0;
    a.observer = no_thread;
    a.observed_version = 0;
    a.observed_reads = 0;
  }
}

void adopt_var(execution& e, var_state& v) {
  if (e.adopt(v, object_kind::var, false)) detectors::on_adopt(v);
}

}  // namespace

void atomic_point(atomic_state& a, atomic_access access, const location& where) {
  execution& e = exec();
  adopt_atomic(e, a);
  static constexpr const char* names[] = {"atomic_load", "atomic_store", "atomic_rmw", "compare_exchange"};
  const char* name = names[static_cast<int>(access)];
  if (access == atomic_access::load) {
    e.schedule(name, where, {&a, access::read});
  } else if (access == atomic_access::store) {
    e.schedule_nothrow(name, where, {&a, access::write});  // stores may run in destructors
    if (e.aborting()) return;
  } else {
    e.schedule(name, where, {&a, access::write});
  }
  if (e.tracing()) e.record(name, &a, where);
}

// weft::atomic's load and store: the point and the access in one call from
// the user's code (the helpers below inline here).
void atomic_load_at(atomic_state& a, std::memory_order order, const void* cell, void* value, std::size_t size,
                    const location& where) {
  atomic_point(a, atomic_access::load, where);
  copy_bytes(value, cell, size);
  atomic_load(a, order, value, size);
}

void atomic_store_at(atomic_state& a, std::memory_order order, void* cell, const void* value, std::size_t size,
                     const location& where) noexcept {
  atomic_point(a, atomic_access::store, where);  // a store's point never throws
  if (atomic_store(a, order, cell, value, size)) copy_bytes(cell, value, size);
}

void atomic_load(atomic_state& a, std::memory_order order, void* value, std::size_t size) {
  execution& e = exec();
  e.atomic_observed(a);
  e.memory().load(e, a, order, value, size);
}

bool atomic_store(atomic_state& a, std::memory_order order, const void* newest, const void* value,
                  std::size_t size) noexcept {
  execution& e = exec();
  if (e.aborting()) return true;
  e.atomic_written(a);
  return e.memory().store(e, a, order, newest, value, size);
}

void atomic_rmw(atomic_state& a, std::memory_order order, const void* old, const void* desired, std::size_t size) {
  execution& e = exec();
  e.atomic_written(a);
  e.memory().rmw(e, a, order, old, desired, size);
  if (same_bytes(old, desired, size)) e.atomic_unwritten(a);  // a failed test-and-set: a spin
}

namespace {

template <class U>
U rmw_result(rmw_op op, U v, U x) {
  switch (op) {
    case rmw_op::add: return static_cast<U>(v + x);
    case rmw_op::sub: return static_cast<U>(v - x);
    case rmw_op::bit_and: return static_cast<U>(v & x);
    case rmw_op::bit_or: return static_cast<U>(v | x);
    case rmw_op::bit_xor: return static_cast<U>(v ^ x);
    case rmw_op::exchange: return x;
  }
  return x;
}

/// atomic_rmw_at's access, on the unsigned integer U of the value's size.
template <class U>
void rmw_cell(atomic_state& a, std::memory_order order, void* cell, rmw_op op, std::uint64_t operand, void* old) {
  U before;
  std::memcpy(&before, cell, sizeof before);
  const U after = rmw_result(op, before, static_cast<U>(operand));
  std::memcpy(cell, &after, sizeof after);
  std::memcpy(old, &before, sizeof before);
  atomic_rmw(a, order, &before, &after, sizeof(U));
}

}  // namespace

void atomic_rmw_at(atomic_state& a, std::memory_order order, void* cell, std::size_t size, rmw_op op,
                   std::uint64_t operand, void* old, const location& where) {
  atomic_point(a, atomic_access::rmw, where);
  switch (size) {
    case 1: return rmw_cell<std::uint8_t>(a, order, cell, op, operand, old);
    case 2: return rmw_cell<std::uint16_t>(a, order, cell, op, operand, old);
    case 4: return rmw_cell<std::uint32_t>(a, order, cell, op, operand, old);
    default: return rmw_cell<std::uint64_t>(a, order, cell, op, operand, old);
  }
}

bool atomic_compare_exchange(atomic_state& a, std::memory_order success, std::memory_order failure,
                             const void* newest, void* expected, const void* desired, std::size_t size, bool weak) {
  execution& e = exec();
  if (e.memory().compare_exchange(e, a, success, failure, newest, expected, desired, size, weak)) {
    e.atomic_written(a);
    return true;
  }
  e.atomic_observed(a);
  return false;
}

void atomic_fence(std::memory_order order, const location& where) {
  execution& e = exec();
  e.schedule("atomic_fence", where);
  if (e.tracing()) e.record("atomic_fence", nullptr, where);
  e.memory().fence(e, order);
}

void volatile_access(atomic_state& a, const void* address, std::size_t size, bool write, const location& where) {
  atomic_point(a, write ? atomic_access::store : atomic_access::load, where);
  execution& e = exec();
  if (e.aborting()) return;  // a store's point does not throw
  if (write) {
    e.atomic_written(a);
    e.memory().store_unwritten(e, a, address, size);
  } else {
    e.atomic_observed(a);
    e.memory().load_newest(e, a, address, size);
  }
}

void var_read(var_state& v, const location& where) { var_read(v, where, true); }
void var_write(var_state& v, const location& where) { var_write(v, where, true); }

void var_read(var_state& v, const location& where, bool record) {
  execution& e = exec();
  adopt_var(e, v);
  e.check_abort();  // a finding ended the execution: leave it
  if (record && e.tracing()) e.record("read", &v, where);
  if (e.detect().on_read(e, e.current_id(), v, where, e.tracing() ? e.last_event() : 0)) ++e.self().fresh_reads;
}

void var_write(var_state& v, const location& where, bool record) {
  execution& e = exec();
  adopt_var(e, v);
  e.check_abort();  // a finding ended the execution: leave it
  if (record && e.tracing()) e.record("write", &v, where);
  e.progressed();
  e.detect().on_write(e, e.current_id(), v, where, e.tracing() ? e.last_event() : 0);
}

}  // namespace weft::detail
