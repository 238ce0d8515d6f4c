// Userspace RCU (Debian's liburcu-dev, 0.13; the membarrier, mb, bp and
// QSBR flavours): read-side critical sections and grace periods, inside an
// execution of weft exec. (The signal flavour interrupts its readers with
// pthread_kill, which weft exec refuses.)
//
// liburcu orders a reader after a writer with barriers it makes in inline
// assembly or with membarrier(2), and the reader's state is a counter in
// the library's thread-local storage: none of it is seen by the
// instrumentation. The grace period itself works under weft (the library
// waits on a futex through syscall(), which weft follows), but without the
// ordering a correct program was reported: a reader could read the pointer
// a writer had replaced before the grace period began, and the writer's
// free after synchronize_rcu() raced with the reader's reads. So the
// flavours' entry points are defined here, around the real ones:
//  - rcu_read_lock() is a sequentially consistent fence after it (a reader
//    whose section begins after the writer's exchange reads the new pointer;
//    one that began before is waited for);
//  - rcu_read_unlock() (and, for the QSBR flavour, a quiescent state or
//    going offline) is a sequentially consistent fence and a release of
//    what the thread did in its section to the flavour's grace periods;
//  - synchronize_rcu() acquires every release made before it returns, and
//    is a sequentially consistent fence on both sides.
// That acquire also takes sections that began after the grace period did,
// which liburcu does not promise to order: weft may miss a race there, never
// invent one. call_rcu()'s worker thread (started by liburcu with
// pthread_create, a logical thread under weft exec) calls synchronize_rcu
// through liburcu's PLT, which resolves to the definition here: its
// callbacks run after a followed grace period (libs/urcu_call_rcu_*).
// defer_rcu() is not checked.
// The pointer operations (rcu_dereference, rcu_assign_pointer,
// rcu_xchg_pointer...) are compiler atomics in code built for weft exec, and
// its read side calls these entry points under _LGPL_SOURCE too (the headers
// of checker/include/weft/shim/urcu/).
#include <atomic>

#include "address_objects.hpp"
#include "interpose.hpp"

extern "C" {
// TSan's annotations (annotations.cpp): happens-before through an address.
void __tsan_release(void* address);
void __tsan_acquire(void* address);
}

namespace weft::detail::instrument {
namespace {

using entry = void (*)();

/// The grace periods of one flavour: the address its readers release on.
struct flavour_key {
  char byte;
};

void real_call(std::atomic<void*>& address, const char* symbol) {
  reinterpret_cast<entry>(resolve_real(address, symbol))();
}

/// A reader's section begins: the real entry, then the fence.
void section_begins(std::atomic<void*>& real, const char* symbol, const void* pc) {
  real_call(real, symbol);
  if (tables() != nullptr) atomic_fence_from(__ATOMIC_SEQ_CST, pc);
}

/// A reader's section ends (or a QSBR thread passes a quiescent state): what
/// it did is released to the flavour's grace periods, then the real entry.
void section_ends(flavour_key& key, std::atomic<void*>& real, const char* symbol, const void* pc) {
  if (tables() != nullptr) {
    atomic_fence_from(__ATOMIC_SEQ_CST, pc);
    __tsan_release(&key);
  }
  real_call(real, symbol);
}

/// A grace period: the real wait for the readers, then what they released.
void grace_period(flavour_key& key, std::atomic<void*>& real, const char* symbol, const void* pc) {
  const bool checked = tables() != nullptr;
  if (checked) atomic_fence_from(__ATOMIC_SEQ_CST, pc);
  real_call(real, symbol);
  if (!checked) return;
  __tsan_acquire(&key);
  atomic_fence_from(__ATOMIC_SEQ_CST, pc);
}

}  // namespace
}  // namespace weft::detail::instrument

using namespace weft::detail::instrument;

#define WEFT_PC __builtin_return_address(0)

// One flavour's entry points, each with its real function resolved on first use.
#define WEFT_URCU_ENTRY(name, action, ...)                   \
  extern "C" void name() {                                   \
    static std::atomic<void*> real{nullptr};                 \
    action(__VA_ARGS__ __VA_OPT__(, ) real, #name, WEFT_PC); \
  }
#define WEFT_URCU_FLAVOUR(flavour)                                             \
  namespace {                                                                  \
  flavour_key flavour##_grace;                                                 \
  }                                                                            \
  WEFT_URCU_ENTRY(urcu_##flavour##_read_lock, section_begins)                  \
  WEFT_URCU_ENTRY(urcu_##flavour##_read_unlock, section_ends, flavour##_grace) \
  WEFT_URCU_ENTRY(urcu_##flavour##_synchronize_rcu, grace_period, flavour##_grace)

WEFT_URCU_FLAVOUR(memb)
WEFT_URCU_FLAVOUR(mb)
WEFT_URCU_FLAVOUR(bp)
WEFT_URCU_FLAVOUR(qsbr)
// QSBR: a reader announces it holds no reference by a quiescent state or
// by going offline, and reads again when back online (its read_lock and
// read_unlock mark nothing).
WEFT_URCU_ENTRY(urcu_qsbr_quiescent_state, section_ends, qsbr_grace)
WEFT_URCU_ENTRY(urcu_qsbr_thread_offline, section_ends, qsbr_grace)
WEFT_URCU_ENTRY(urcu_qsbr_thread_online, section_begins)
