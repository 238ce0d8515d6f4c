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
// invent one.
//  - call_rcu() is a sequentially consistent fence and a release to the
//    flavour's grace periods. Its worker thread (started by liburcu with
//    pthread_create, a logical thread under weft exec) calls synchronize_rcu
//    through liburcu's PLT, which resolves to the definition here, before it
//    runs the callbacks queued until then: a callback is ordered after the
//    readers' sections and after what its caller did before call_rcu()
//    (libs/urcu_call_rcu_*, libs/urcu_cds_lfqueue_*);
//  - rcu_barrier() acquires what the callbacks did: each runs through a
//    trampoline that releases it when the callback returns.
// Not followed: defer_rcu().
// The pointer operations (rcu_dereference, rcu_assign_pointer,
// rcu_xchg_pointer...) are compiler atomics in code built for weft exec, and
// its read side calls these entry points under _LGPL_SOURCE too (the headers
// of checker/include/weft/shim/urcu/).
#include <array>
#include <atomic>
#include <cstddef>
#include <utility>

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

using rcu_callback = void (*)(void* head);

/// What the callbacks liburcu ran did, released for rcu_barrier() (a key
/// like a flavour's: only its address matters).
flavour_key callbacks_done;

/// The program's callbacks, each run through a trampoline of its own that
/// releases what it did to callbacks_done once it returns. A callback is a
/// function of the program (free_node...): a program has few, and each
/// takes a slot for the life of the process.
constexpr std::size_t callback_slots = 64;
std::array<std::atomic<rcu_callback>, callback_slots> slot_callbacks{};

template <std::size_t I>
void trampoline(void* head) {
  slot_callbacks[I].load(std::memory_order_acquire)(head);
  __tsan_release(&callbacks_done);
}

template <std::size_t... I>
constexpr std::array<rcu_callback, sizeof...(I)> trampolines_for(std::index_sequence<I...>) {
  return {&trampoline<I>...};
}
constexpr auto trampolines = trampolines_for(std::make_index_sequence<callback_slots>{});

/// The trampoline that runs `callback`, or `callback` itself when every
/// slot is taken by another (its writes are then not ordered before
/// rcu_barrier()'s return).
rcu_callback through_trampoline(rcu_callback callback) {
  for (std::size_t i = 0; i < callback_slots; ++i) {
    rcu_callback held = slot_callbacks[i].load(std::memory_order_acquire);
    if (held == nullptr &&
        slot_callbacks[i].compare_exchange_strong(held, callback, std::memory_order_acq_rel, std::memory_order_acquire)) {
      return trampolines[i];
    }
    if (held == callback) return trampolines[i];
  }
  return callback;
}

/// call_rcu(): what the caller did before it is released to the flavour's
/// grace periods, then the real call with the callback behind its
/// trampoline. liburcu's worker thread runs a callback only after a grace
/// period that began once the callback was queued (its synchronize_rcu,
/// which is grace_period above), so the callback is ordered after what the
/// caller did: its reads of the node the callback frees.
void defer_past_grace_period(flavour_key& key, std::atomic<void*>& real, const char* symbol, const void* pc,
                             void* head, rcu_callback callback) {
  const auto call = reinterpret_cast<void (*)(void*, rcu_callback)>(resolve_real(real, symbol));
  if (tables() == nullptr) return call(head, callback);
  atomic_fence_from(__ATOMIC_SEQ_CST, pc);
  __tsan_release(&key);
  const serving_program_call serving(pc);  // the worker thread's start names the program's call_rcu
  call(head, through_trampoline(callback));
}

/// rcu_barrier(): the real wait for every callback queued before it, then
/// what they did.
void callbacks_waited_for(std::atomic<void*>& real, const char* symbol, const void* pc) {
  const bool checked = tables() != nullptr;
  if (checked) atomic_fence_from(__ATOMIC_SEQ_CST, pc);
  real_call(real, symbol);
  if (checked) __tsan_acquire(&callbacks_done);
}

}  // namespace
}  // namespace weft::detail::instrument

using namespace weft::detail::instrument;

// One flavour's entry points, each with its real function resolved on first use.
#define WEFT_URCU_ENTRY(name, action, ...)                   \
  extern "C" void name() {                                   \
    static std::atomic<void*> real{nullptr};                 \
    action(__VA_ARGS__ __VA_OPT__(, ) real, #name, WEFT_PC); \
  }
#define WEFT_URCU_CALL_RCU(flavour)                                                          \
  extern "C" void urcu_##flavour##_call_rcu(void* head, rcu_callback callback) {             \
    static std::atomic<void*> real{nullptr};                                                 \
    defer_past_grace_period(flavour##_grace, real, "urcu_" #flavour "_call_rcu", WEFT_PC, head, \
                            callback);                                                       \
  }
#define WEFT_URCU_FLAVOUR(flavour)                                                 \
  namespace {                                                                      \
  flavour_key flavour##_grace;                                                     \
  }                                                                                \
  WEFT_URCU_ENTRY(urcu_##flavour##_read_lock, section_begins)                      \
  WEFT_URCU_ENTRY(urcu_##flavour##_read_unlock, section_ends, flavour##_grace)     \
  WEFT_URCU_ENTRY(urcu_##flavour##_synchronize_rcu, grace_period, flavour##_grace) \
  WEFT_URCU_ENTRY(urcu_##flavour##_barrier, callbacks_waited_for)                  \
  WEFT_URCU_CALL_RCU(flavour)

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
