// The ThreadSanitizer entry points clang-14 emits with -fsanitize=thread,
// implemented by weft instead of TSan's runtime (`weft_instrument`, weft-c++):
//  - plain reads and writes (1-16 bytes, aligned or not, ranges) are race
//    checks on weft's happens-before (address_objects.hpp), not scheduling
//    points;
//  - atomic operations (8-128 bits, every operation, their memory orders) and
//    fences are weft atomics: a scheduling point each, and the C++ memory
//    model (checker/src/memory/);
//  - volatile accesses (emitted as such under -tsan-distinguish-volatile,
//    which weft-cc passes) are relaxed atomic ones, as the READ_ONCE /
//    WRITE_ONCE idiom uses them, unless --volatile-plain;
//  - function entry and exit are not recorded (reports name the access's own
//    source line); on a thread running a QtConcurrent engine an entry goes
//    to qt_pool.cpp, which watches for the engine's last thread to finish it.
// Outside a checked execution each does what the uninstrumented code would.
// The set is exactly what clang-14 emits (tests/instrument/entry_points_test
// compiles every construct and checks that nothing else is referenced); a
// new entry point fails the link instead of being ignored.
#include <atomic>
#include <cstdint>
#include <cstring>
#include <type_traits>

#include "../runtime/execution.hpp"
#include "../runtime/symbolize.hpp"
#include "address_objects.hpp"
#include "interpose.hpp"

namespace {

using namespace weft::detail;
using namespace weft::detail::instrument;

using u8 = std::uint8_t;
using u16 = std::uint16_t;
using u32 = std::uint32_t;
using u64 = std::uint64_t;
__extension__ typedef unsigned __int128 u128;

std::memory_order order(int mo) { return static_cast<std::memory_order>(mo); }

/// After an atomic access's scheduling point: its checks (check_atomic_access).
void checked(address_atomic& s, const volatile void* a, std::size_t size, bool write, const char* kind,
             const void* pc) {
  check_atomic_access(current_tables(), s, reinterpret_cast<std::uintptr_t>(a), size, write, kind,
                      location::caller(pc));
}

template <class T>
T load_at(const volatile T* a, int mo, const void* pc) {
  if (tables() == nullptr) return __atomic_load_n(a, mo == 1 ? 2 : mo);
  const weft_section weft;
  address_atomic& s = atomic_at(current_tables(), a);
  atomic_point(s, atomic_access::load, location::caller(pc));
  checked(s, a, sizeof(T), false, "atomic read", pc);
  T v = __atomic_load_n(a, __ATOMIC_RELAXED);
  atomic_load(s, order(mo), &v, sizeof(T));
  return v;
}

template <class T>
void store_at(volatile T* a, T v, int mo, const void* pc) {
  if (tables() == nullptr) return __atomic_store_n(a, v, mo);
  const weft_section weft;
  address_atomic& s = atomic_at(current_tables(), a);
  atomic_point(s, atomic_access::store, location::caller(pc));
  checked(s, a, sizeof(T), true, "atomic write", pc);
  const T newest = __atomic_load_n(a, __ATOMIC_RELAXED);
  if (atomic_store(s, order(mo), &newest, &v, sizeof(T))) __atomic_store_n(a, v, __ATOMIC_RELAXED);
  if constexpr (sizeof(T) == sizeof(std::int32_t)) {
    if (v == 1 && newest == 0) note_fiber_spinlock_released(pc);
  }
}

/// libstdc++'s std::atomic<std::shared_ptr> and std::atomic<std::weak_ptr>
/// (GCC 12, bits/shared_ptr_atomic.h) guard their pointer with a lock bit,
/// taken by an acquire compare-exchange and dropped by a relaxed
/// fetch_sub(1). A relaxed unlock orders nothing under the C++ model, so a
/// load's read of the pointer raced with the next store's write: a report
/// against the user's correct code, in code the user cannot change.
/// libstdc++ tells ThreadSanitizer that the bit is a mutex (GCC 15 annotates
/// it), and weft does the same: that unlock releases. `subtracts_one`: the
/// operation is fetch_sub(1); `old`: the value it read.
template <class T>
int unlock_order(int mo, bool subtracts_one, T old, const void* pc) {
  const bool lock_bit_dropped = subtracts_one && sizeof(T) == sizeof(void*) && (old & 1) != 0;
  if (mo == __ATOMIC_RELAXED && lock_bit_dropped && inlined_from(pc, "bits/shared_ptr_atomic.h")) {
    return __ATOMIC_RELEASE;
  }
  return mo;
}

/// libstdc++'s waiter pool (bits/atomic_wait.h, GCC 12): 16 entries, each
/// beginning with the count of its waiters (_M_wait; its _M_ver, which a
/// notify of a type the futex cannot wait on adds to, is further in).
/// std::atomic::wait adds 1 to that count as it begins and subtracts 1 as it
/// returns, so a thread is inside a wait between the two
/// (logical_thread::library_waits). The pool's bytes in the program, or
/// empty, and the size of an entry (find_library_wait_pool).
constexpr std::uintptr_t wait_pool_entries = 16;
std::uintptr_t wait_pool_begin = 0, wait_pool_end = 0, wait_pool_entry = 1;

template <class T>
void note_library_wait(volatile T* a, T old, T desired) {
  const auto at = reinterpret_cast<std::uintptr_t>(a);
  if (at < wait_pool_begin || at >= wait_pool_end || (at - wait_pool_begin) % wait_pool_entry != 0) return;
  std::uint32_t& waits = exec().self().library_waits;
  if (desired == static_cast<T>(old + 1)) {
    ++waits;
  } else if (desired == static_cast<T>(old - 1) && waits > 0) {
    --waits;
  }
}

template <class T, class F>
T rmw_at(volatile T* a, int mo, const void* pc, F f, bool subtracts_one = false) {
  if (tables() == nullptr) {
    T old = __atomic_load_n(a, __ATOMIC_RELAXED);
    while (!__atomic_compare_exchange_n(a, &old, f(old), true, mo == 1 ? 2 : mo, __ATOMIC_RELAXED)) {
    }
    return old;
  }
  const weft_section weft;
  address_atomic& s = atomic_at(current_tables(), a);
  atomic_point(s, atomic_access::rmw, location::caller(pc));
  checked(s, a, sizeof(T), true, "atomic read-modify-write", pc);
  const T old = __atomic_load_n(a, __ATOMIC_RELAXED);
  const T desired = f(old);
  __atomic_store_n(a, desired, __ATOMIC_RELAXED);
  note_library_wait(a, old, desired);
  if constexpr (sizeof(T) == sizeof(std::int32_t)) {
    if (old == 1 && desired == 0) note_fiber_spinlock_taken(pc);  // spinlock_ttas: unlocked is 1, locked 0
  }
  atomic_rmw(s, order(unlock_order(mo, subtracts_one, old, pc)), &old, &desired, sizeof(T));
  return old;
}

template <class T>
bool cas_at(volatile T* a, T* expected, T desired, int mo, int fail_mo, bool weak, const void* pc) {
  if (tables() == nullptr) {
    return __atomic_compare_exchange_n(a, expected, desired, weak, mo, fail_mo == 1 ? 2 : fail_mo);
  }
  const weft_section weft;
  address_atomic& s = atomic_at(current_tables(), a);
  atomic_point(s, atomic_access::compare_exchange, location::caller(pc));
  check_not_freed(current_tables(), reinterpret_cast<std::uintptr_t>(a), sizeof(T), true, location::caller(pc), &s,
                  "compare-exchange");
  const T newest = __atomic_load_n(a, __ATOMIC_RELAXED);
  const bool exchanged =
      atomic_compare_exchange(s, order(mo), order(fail_mo), &newest, expected, &desired, sizeof(T), weak);
  // A failed compare-exchange only read.
  check_atomic_against_plain(current_tables(), s, reinterpret_cast<std::uintptr_t>(a), sizeof(T), exchanged,
                             "compare-exchange", location::caller(pc));
  if (exchanged) __atomic_store_n(a, desired, __ATOMIC_RELAXED);
  return exchanged;
}

/// A volatile access (clang's -tsan-distinguish-volatile, which weft-cc
/// passes): a relaxed atomic access when aligned and at most 8 bytes wide,
/// unless --volatile-plain; else a plain one.
template <std::size_t n>
void volatile_at(void* a, bool write, const void* pc) {
  const auto address = reinterpret_cast<std::uintptr_t>(a);
  if (n > 8 || address % n != 0 || volatile_plain || tables() == nullptr) {
    return write ? plain_write(address, n, pc) : plain_read(address, n, pc);
  }
  const weft_section weft;
  const location where = location::caller(pc);
  atomic_state& s = atomic_at(current_tables(), a);
  volatile_access(s, a, n, write, where);
  check_not_freed(current_tables(), address, n, write, where, &s, write ? "volatile write" : "volatile read");
}

void fence_at(int mo, const void* pc) {
  if (tables() == nullptr) return std::atomic_thread_fence(order(mo));
  const weft_section weft;
  atomic_fence(order(mo), location::caller(pc));
}

}  // namespace

void weft::detail::instrument::atomic_fence_from(int mo, const void* pc) { fence_at(mo, pc); }

void weft::detail::instrument::find_library_wait_pool(const void* program) noexcept {
  // A function-local static of an inline function, so in the program (its
  // symbol table; the version script keeps it out of the dynamic one).
  const auto [start, size] = find_variable(program, "_ZZNSt8__detail18__waiter_pool_base6_S_forEPKvE3__w");
  if (size == 0 || size % wait_pool_entries != 0) return;  // not the pool this code knows
  wait_pool_begin = start;
  wait_pool_end = start + size;
  wait_pool_entry = size / wait_pool_entries;
}

namespace weft::detail::instrument {
template <class T>
T atomic_load_for(const volatile T* a, int mo, const void* pc) {
  return load_at(a, mo, pc);
}
template <class T>
void atomic_store_for(volatile T* a, T v, int mo, const void* pc) {
  store_at(a, v, mo, pc);
}
template <class T>
T atomic_exchange_for(volatile T* a, T v, int mo, const void* pc) {
  return rmw_at(a, mo, pc, [v](T) { return v; });
}
template <class T>
T atomic_add_for(volatile T* a, T v, int mo, const void* pc) {
  using wide = std::make_unsigned_t<T>;
  return rmw_at(a, mo, pc, [v](T old) { return static_cast<T>(static_cast<wide>(old) + static_cast<wide>(v)); });
}
template <class T>
bool atomic_compare_exchange_for(volatile T* a, T* expected, T desired, int mo, int fail_mo, bool weak,
                                 const void* pc) {
  return cas_at(a, expected, desired, mo, fail_mo, weak, pc);
}
#define WEFT_ATOMIC_FOR(T)                                                                          \
  template T atomic_load_for(const volatile T*, int, const void*);                                  \
  template void atomic_store_for(volatile T*, T, int, const void*);                                 \
  template T atomic_exchange_for(volatile T*, T, int, const void*);                                 \
  template T atomic_add_for(volatile T*, T, int, const void*);                                      \
  template bool atomic_compare_exchange_for(volatile T*, T*, T, int, int, bool, const void*);
WEFT_ATOMIC_FOR(std::uint8_t)
WEFT_ATOMIC_FOR(std::int32_t)
WEFT_ATOMIC_FOR(std::uint32_t)
WEFT_ATOMIC_FOR(std::uint64_t)
#undef WEFT_ATOMIC_FOR
}  // namespace weft::detail::instrument

extern "C" {

void __tsan_init() {}
void __tsan_func_entry(void* pc) {
  ++instrumented_depth;
  if (engine_runs) qt_program_entered(pc);
  if (const callback_library from = calling_library(pc); from != callback_library::none) [[unlikely]] {
    callback_entered(from, __builtin_return_address(0));
  }
}
void __tsan_func_exit() {
  if (callbacks > 0 && callback_depths[callbacks - 1] == instrumented_depth) [[unlikely]] callback_leaving();
  if (instrumented_depth > 0) --instrumented_depth;
}
void __tsan_ignore_thread_begin() {}
void __tsan_ignore_thread_end() {}

// Plain memory.
#define WEFT_PLAIN(n)                                                                                  \
  void __tsan_read##n(void* a) { plain_read(reinterpret_cast<std::uintptr_t>(a), n, WEFT_PC); }           \
  void __tsan_write##n(void* a) { plain_write(reinterpret_cast<std::uintptr_t>(a), n, WEFT_PC); }         \
  void __tsan_unaligned_read##n(void* a) { plain_read(reinterpret_cast<std::uintptr_t>(a), n, WEFT_PC); } \
  void __tsan_unaligned_write##n(void* a) { plain_write(reinterpret_cast<std::uintptr_t>(a), n, WEFT_PC); } \
  void __tsan_volatile_read##n(void* a) { volatile_at<n>(a, false, WEFT_PC); }                         \
  void __tsan_volatile_write##n(void* a) { volatile_at<n>(a, true, WEFT_PC); }                         \
  void __tsan_unaligned_volatile_read##n(void* a) { plain_read(reinterpret_cast<std::uintptr_t>(a), n, WEFT_PC); } \
  void __tsan_unaligned_volatile_write##n(void* a) { plain_write(reinterpret_cast<std::uintptr_t>(a), n, WEFT_PC); }
void __tsan_read1(void* a) { plain_read(reinterpret_cast<std::uintptr_t>(a), 1, WEFT_PC); }
void __tsan_write1(void* a) { plain_write(reinterpret_cast<std::uintptr_t>(a), 1, WEFT_PC); }
void __tsan_volatile_read1(void* a) { volatile_at<1>(a, false, WEFT_PC); }
void __tsan_volatile_write1(void* a) { volatile_at<1>(a, true, WEFT_PC); }
WEFT_PLAIN(2)
WEFT_PLAIN(4)
WEFT_PLAIN(8)
WEFT_PLAIN(16)
#undef WEFT_PLAIN
void __tsan_read_range(void* a, unsigned long size) { plain_read(reinterpret_cast<std::uintptr_t>(a), size, WEFT_PC); }
void __tsan_write_range(void* a, unsigned long size) { plain_write(reinterpret_cast<std::uintptr_t>(a), size, WEFT_PC); }
void __tsan_vptr_read(void** a) { plain_read(reinterpret_cast<std::uintptr_t>(a), sizeof(void*), WEFT_PC); }
void __tsan_vptr_update(void** a, void* value) {
  // Writing the vtable pointer it already holds (a destructor chain) is no write.
  if (*a != value) plain_write(reinterpret_cast<std::uintptr_t>(a), sizeof(void*), WEFT_PC);
}

// Atomics.
#define WEFT_ATOMIC(bits, T)                                                                                     \
  T __tsan_atomic##bits##_load(const volatile T* a, int mo) { return load_at(a, mo, WEFT_PC); }                  \
  void __tsan_atomic##bits##_store(volatile T* a, T v, int mo) { store_at(a, v, mo, WEFT_PC); }                 \
  T __tsan_atomic##bits##_exchange(volatile T* a, T v, int mo) {                                                 \
    return rmw_at(a, mo, WEFT_PC, [v](T) { return v; });                                                          \
  }                                                                                                              \
  T __tsan_atomic##bits##_fetch_add(volatile T* a, T v, int mo) {                                                \
    return rmw_at(a, mo, WEFT_PC, [v](T o) { return static_cast<T>(o + v); });                                    \
  }                                                                                                              \
  T __tsan_atomic##bits##_fetch_sub(volatile T* a, T v, int mo) {                                                \
    return rmw_at(a, mo, WEFT_PC, [v](T o) { return static_cast<T>(o - v); }, v == 1);                           \
  }                                                                                                              \
  T __tsan_atomic##bits##_fetch_and(volatile T* a, T v, int mo) {                                                \
    return rmw_at(a, mo, WEFT_PC, [v](T o) { return static_cast<T>(o & v); });                                    \
  }                                                                                                              \
  T __tsan_atomic##bits##_fetch_or(volatile T* a, T v, int mo) {                                                 \
    return rmw_at(a, mo, WEFT_PC, [v](T o) { return static_cast<T>(o | v); });                                    \
  }                                                                                                              \
  T __tsan_atomic##bits##_fetch_xor(volatile T* a, T v, int mo) {                                                \
    return rmw_at(a, mo, WEFT_PC, [v](T o) { return static_cast<T>(o ^ v); });                                    \
  }                                                                                                              \
  T __tsan_atomic##bits##_fetch_nand(volatile T* a, T v, int mo) {                                               \
    return rmw_at(a, mo, WEFT_PC, [v](T o) { return static_cast<T>(~(o & v)); });                                 \
  }                                                                                                              \
  int __tsan_atomic##bits##_compare_exchange_strong(volatile T* a, T* c, T v, int mo, int fmo) {                 \
    return cas_at(a, c, v, mo, fmo, false, WEFT_PC);                                                             \
  }                                                                                                              \
  int __tsan_atomic##bits##_compare_exchange_weak(volatile T* a, T* c, T v, int mo, int fmo) {                   \
    return cas_at(a, c, v, mo, fmo, true, WEFT_PC);                                                              \
  }                                                                                                              \
  T __tsan_atomic##bits##_compare_exchange_val(volatile T* a, T c, T v, int mo, int fmo) {                       \
    cas_at(a, &c, v, mo, fmo, false, WEFT_PC);                                                                   \
    return c;                                                                                                    \
  }
WEFT_ATOMIC(8, u8)
WEFT_ATOMIC(16, u16)
WEFT_ATOMIC(32, u32)
WEFT_ATOMIC(64, u64)
WEFT_ATOMIC(128, u128)
#undef WEFT_ATOMIC

void __tsan_atomic_thread_fence(int mo) { fence_at(mo, WEFT_PC); }
void __tsan_atomic_signal_fence(int) { std::atomic_signal_fence(std::memory_order_seq_cst); }

}  // extern "C"
