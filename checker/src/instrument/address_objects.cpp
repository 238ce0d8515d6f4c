#include "address_objects.hpp"

#include <dlfcn.h>

#include <memory>

#include "../runtime/execution.hpp"
#include "../runtime/symbolize.hpp"

namespace weft::detail::instrument {

namespace {

// One table set per process: an instrumented program runs its executions on
// one OS thread (weft exec: one execution per process).
address_tables the_tables;
bool forgetting = false;  // free() called while a table erases: not again

std::uintptr_t key(const volatile void* a) { return reinterpret_cast<std::uintptr_t>(a); }

template <class Map>
void erase_range(Map& m, std::uintptr_t lo, std::uintptr_t hi) {
  m.erase(m.lower_bound(lo), m.lower_bound(hi));
}

bool a_lock(object_kind kind) {
  return kind == object_kind::mutex || kind == object_kind::recursive_mutex || kind == object_kind::shared_mutex;
}

/// Whether `address` lies in a loaded module's static storage (its data or
/// bss): a global, the same object in every execution.
bool in_static_storage(std::uintptr_t address) {
  Dl_info info;
  return ::dladdr(reinterpret_cast<const void*>(address), &info) != 0;
}

/// A state new in this execution, of `kind`, for the program's object at
/// `address`, with the key the lock-order detector knows a lock by across
/// executions. A global's is its address: the executions are forks of one
/// process, so it is the same object at the same address in each. A lock on
/// the heap or a stack that main first used before its first thread is
/// known by the order of that first use among the objects of its kind,
/// which main alone decides, the same in every execution; not by its
/// address, which weft's own allocations in the execution (a worker's
/// messages, a trace when replaying) move from one execution to the next: a
/// list's nodes made by main had each other's addresses in two executions,
/// and their edges joined into a false lock_order_inversion. A lock first
/// seen once threads run, on the heap or a stack, is another object under
/// another schedule (a list node one thread inserts here, another there):
/// its key holds in this execution only.
void born(object_header& h, object_kind kind, std::uintptr_t address) {
  h.kind = kind;
  on_create(h, kind);
  h.key = address;
  const execution* e = current();
  if (!a_lock(kind) || e == nullptr || in_static_storage(address)) return;
  if (e->thread_count() > 1) {
    h.key |= key_of_one_execution;
  } else {
    h.key = (std::uint64_t{1} << 63) | (std::uint64_t(kind) << 48) | h.ordinal;
  }
}

template <class State>
State& created(std::map<std::uintptr_t, State>& m, std::uintptr_t address, object_kind kind) {
  auto [it, inserted] = m.try_emplace(address);
  if (inserted) born(it->second, kind, address);
  return it->second;
}

/// The state kept at `address`, or null.
template <class State>
State* found(std::map<std::uintptr_t, State>& m, const void* address) {
  auto it = m.find(key(address));
  return it == m.end() ? nullptr : &it->second;
}

}  // namespace

namespace {
/// "the memory of condition_variable#2" when a pthread synchronisation
/// object is at `address` (its first byte, sync_object_access), else "".
std::string sync_object_memory(std::uintptr_t address) {
  const execution* e = current();
  const object_header* object = nullptr;
  if (const auto it = the_tables.cvs.find(address); it != the_tables.cvs.end()) object = &it->second;
  if (const auto it = the_tables.mutexes.find(address); it != the_tables.mutexes.end()) object = &it->second;
  if (const auto it = the_tables.semaphores.find(address); it != the_tables.semaphores.end()) object = &it->second;
  return e == nullptr || object == nullptr ? std::string() : "the memory of " + e->name_of(*object);
}

/// Reports' name of a byte of plain memory: the variable it lies in
/// ("counter", "table+8"), found from the byte's address, its key (born()),
/// or the synchronisation object whose memory it is (on the heap);
/// `h` is plain memory when it is the shadow's state of that address.
std::string name_of_byte(const object_header& h) {
  if (h.kind != object_kind::var || the_tables.bytes.find(h.key) != &h) return {};  // not plain memory
  std::string name = describe_data(reinterpret_cast<const void*>(h.key));
  return name.empty() ? sync_object_memory(h.key) : name;
}
[[maybe_unused]] const bool names_installed = (name_by_address = &name_of_byte, true);
}  // namespace

void check_headroom(const void* frame) noexcept {
  if (execution* e = current(); e != nullptr && e->current_id() != no_thread) e->check_headroom(frame);
}

address_tables* tables() noexcept {
  if (!in_program || forgetting || current() == nullptr) return nullptr;  // forgetting: weft frees its own
  return &current_tables();
}

address_tables& current_tables() noexcept {
  execution* e = current();
  address_tables& t = the_tables;
  if (t.generation != e->generation()) {  // a new execution in this process
    forgetting = true;
    release_freed(t);
    t = address_tables{};
    forgetting = false;
    t.generation = e->generation();
  }
  return t;
}

var_state& byte_at(address_tables& t, std::uintptr_t address) {
  return t.bytes.at(address, [address](var_state& v) { born(v, object_kind::var, address); });
}
address_atomic& atomic_at(address_tables& t, const volatile void* address) {
  return created(t.atomics, key(address), object_kind::atomic);
}
mutex_state& mutex_at(address_tables& t, const void* address, object_kind kind) {
  return created(t.mutexes, key(address), kind);
}
cv_state& cv_at(address_tables& t, const void* address) {
  return created(t.cvs, key(address), object_kind::condition_variable);
}
semaphore_state* semaphore_at(address_tables& t, const void* address) { return found(t.semaphores, address); }
semaphore_state& new_semaphore_at(address_tables& t, const void* address, std::ptrdiff_t initial) {
  t.semaphores.erase(key(address));
  semaphore_state& s = created(t.semaphores, key(address), object_kind::semaphore);
  semaphore_init(s, initial, PTRDIFF_MAX);
  return s;
}
once_state& once_at(address_tables& t, const void* address) {
  auto [it, inserted] = t.onces.try_emplace(key(address));
  if (inserted) born(it->second.lock, object_kind::mutex, key(address));
  return it->second;
}

barrier_state& barrier_at(address_tables& t, const void* address, unsigned count) {
  t.barriers.erase(key(address));
  barrier_state& b = t.barriers[key(address)];
  born(b.lock, object_kind::mutex, key(address));
  born(b.all_here, object_kind::condition_variable, key(address));
  b.count = count;
  return b;
}
barrier_state* barrier_of(address_tables& t, const void* address) { return found(t.barriers, address); }

void*& thread_result(address_tables& t, std::uint32_t id) {
  if (t.results.size() <= id) t.results.resize(id + 1);
  return t.results[id];
}

thread_local int ignored_reads = 0;
thread_local int ignored_writes = 0;

void ignore_races(const volatile void* address, std::size_t size) {
  address_tables* t = tables();
  if (t == nullptr) return;
  const weft_section weft;
  t->benign[key(address)] = key(address) + size;
}

namespace {
bool benign(const address_tables& t, std::uintptr_t address) {
  if (t.benign.empty()) return false;
  auto it = t.benign.upper_bound(address);
  return it != t.benign.begin() && address < (--it)->second;
}
}  // namespace

void forget(const void* address, std::size_t size) noexcept {
  if (!in_program || forgetting || size == 0 || current() == nullptr || the_tables.generation != current()->generation()) return;
  forgetting = true;
  erase_states(the_tables, key(address), key(address) + size);
  forgetting = false;
}

void erase_states(address_tables& t, std::uintptr_t lo, std::uintptr_t hi) {
  t.bytes.forget(lo, hi);
  erase_range(t.atomics, lo, hi);
  erase_range(t.mutexes, lo, hi);
  erase_range(t.cvs, lo, hi);
  erase_range(t.semaphores, lo, hi);
  erase_range(t.onces, lo, hi);
  erase_range(t.barriers, lo, hi);
  erase_range(t.syncs, lo, hi);  // an annotation's clock goes with its memory, as TSan's sync objects do
}

namespace {
/// One access of `size` bytes at `where`, inside a weft_section: each
/// byte's race check, one trace event.
void checked_access(address_tables* t, std::uintptr_t address, std::size_t size, const location& where, bool write) {
  check_not_freed(*t, address, size, write, where);
  // A plain write where an atomic was (a new std::atomic constructed in a
  // stack slot an earlier one used, a memset of a struct of atomics) makes
  // a new object: its next atomic access adopts it afresh (a new
  // modification order, from the value written), so no load reads a store
  // of the old one. The state itself stays: an access of another thread
  // may be between its scheduling point and its effect.
  if (write) {
    for (auto it = t->atomics.lower_bound(address); it != t->atomics.end() && it->first < address + size; ++it) {
      it->second.generation = 0;
    }
  }
  // The execution's first thread, before it started any other: nothing can
  // race with this access, now or later (every thread it starts is ordered
  // after it), so no byte keeps a record of it. A program's set-up before
  // its threads, a test framework's session around a test case, is most of
  // some executions: each byte's record cost more than the access.
  if (current()->thread_count() == 1) return;
  bool atomic_too = false;
  for (std::size_t i = 0; i < size; ++i) {
    var_state& byte = byte_at(*t, address + i);
    if (write) {
      var_write(byte, where, i == 0);
    } else {
      var_read(byte, where, i == 0);
    }
    atomic_too = atomic_too || byte.atomic_too;
  }
  if (atomic_too) check_plain_against_atomic(*t, address, size, write, where);
}

/// One access of `size` bytes by the program's code at `pc`.
void plain_access(std::uintptr_t address, std::size_t size, const void* pc, bool write) {
  address_tables* t = tables();
  if (t == nullptr || forgetting || (write ? ignored_writes : ignored_reads) > 0 || benign(*t, address)) return;
  const weft_section weft;
  checked_access(t, address, size, location::caller(pc), write);
}
}  // namespace

void sync_object_access(address_tables& t, const volatile void* object, bool write, const location& where) {
  const auto address = reinterpret_cast<std::uintptr_t>(object);
  if (forgetting || (write ? ignored_writes : ignored_reads) > 0 || benign(t, address)) return;
  checked_access(&t, address, 1, where, write);
}

void acquire_clock(vclock& clock) {
  execution& e = *current();
  e.detect().on_atomic_acquire(e.current_id(), clock);
}

void release_to_clock(vclock& clock) {
  execution& e = *current();
  e.detect().on_atomic_release_join(e.current_id(), clock);
}

bool give_way(std::set<std::uint32_t>& waiting, bool (*waits)(std::uint32_t), const char* what,
              const location& where, const weft::time_point* deadline) {
  const std::uint32_t me = current_thread_id();
  waiting.insert(me);
  const bool again = thread_wait_outside(waits, what, where, deadline);
  waiting.erase(me);
  return again;
}

void library_point(const char* what, const void* pc) {
  if (tables() == nullptr) return;
  const weft_section weft;
  thread_point(what, location::caller(pc));
}

void plain_read(std::uintptr_t address, std::size_t size, const void* pc) { plain_access(address, size, pc, false); }
void plain_write(std::uintptr_t address, std::size_t size, const void* pc) { plain_access(address, size, pc, true); }

}  // namespace weft::detail::instrument
