// Futures made ready at thread exit (std::promise::set_value_at_thread_exit,
// set_exception_at_thread_exit, std::packaged_task::make_ready_at_thread_exit)
// inside an execution of weft exec.
//
// libstdc++ makes such a future ready when the setting thread ends, in its
// shared library (future.cc: _Make_ready::_S_run, registered by
// _Make_ready::_M_set): a release exchange of the state's status word that
// the instrumentation never sees, and a futex wake when the getter waits.
// When the getter looked after the thread had ended, its acquire load read a
// value no store weft saw had written, synchronised with nothing, and its
// read of the result was reported as a race with the setter's write: a
// report against a correct program, in code its author cannot change.
//
// So _Make_ready::_M_set is defined here, around the real one: the real one
// registers the hand-over with the thread's exit; weft then puts its own
// callback in the record. At the thread's end that callback does what _S_run
// does, through the instrumented atomics' entry, where weft sees it: it takes
// a reference to the state if the state still exists (weak_ptr::lock, an
// acq_rel compare-exchange of the use count), makes it ready (the release
// exchange of the status word, then the futex wake when the getter waits),
// drops the reference (the acq_rel decrement that lets whichever thread
// drops the last one destroy the state after every other's use), then the
// record's weak reference, and frees the record. libstdc++'s own callback is
// not called: its unseen count changes would order the state's destruction
// after nothing.
//
// It relies on libstdc++'s layout of these private types (the GLIBCXX_3.4.21
// ABI of <future>, stable since GCC 7): __at_thread_exit_elt is {next,
// callback}, _Make_ready adds a weak_ptr to the state (the state, its
// control block), the control block's counts follow its vtable pointer, and
// the state's status word (__atomic_futex_unsigned, ready = 1, waiter bit
// 2^31) follows its vtable pointer and result pointer. Outside an execution
// nothing changes.
#include <limits.h>
#include <linux/futex.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>

#include "address_objects.hpp"
#include "interpose.hpp"


namespace weft::detail::instrument {
namespace {

using exit_callback = void (*)(void*);

/// std::__at_thread_exit_elt, then std::__future_base::_State_baseV2::_Make_ready.
struct make_ready_record {
  make_ready_record* next;
  exit_callback callback;
  char* state;    // its weak_ptr<_State_baseV2>: the state,
  char* control;  // and the state's control block
};
/// _State_baseV2: a vtable pointer, _M_result (a unique_ptr), then _M_status.
constexpr std::size_t status_offset = 2 * sizeof(void*);
constexpr std::int32_t ready = 1;
constexpr std::uint32_t waiter_bit = 0x8000'0000U;

/// The control block: a vtable pointer, then the use and weak counts.
using control_block = std::_Sp_counted_base<std::_S_atomic>;
static_assert(sizeof(control_block) == sizeof(void*) + 2 * sizeof(std::int32_t));
volatile std::int32_t* use_count(char* control) { return reinterpret_cast<std::int32_t*>(control + sizeof(void*)); }
volatile std::int32_t* weak_count(char* control) { return use_count(control) + 1; }

/// The program's call of set_value_at_thread_exit (or the like) behind each
/// record: the atomics of its hand-over are that call's, in reports.
std::map<const void*, const void*>& callers() {
  static std::map<const void*, const void*> by_record;
  return by_record;
}

/// weak_ptr::lock's count change: one use more, unless there is none left.
bool add_use_if_alive(char* control, const void* pc) {
  std::int32_t count = atomic_load_for(use_count(control), __ATOMIC_RELAXED, pc);
  do {
    if (count == 0) return false;
  } while (!atomic_compare_exchange_for(use_count(control), &count, count + 1, __ATOMIC_ACQ_REL, __ATOMIC_RELAXED, true,
                                        pc));
  return true;
}
void release_weak(char* control, const void* pc) {
  if (atomic_add_for(weak_count(control), -1, __ATOMIC_ACQ_REL, pc) == 1) {
    reinterpret_cast<control_block*>(control)->_M_destroy();
  }
}
void release_use(char* control, const void* pc) {
  if (atomic_add_for(use_count(control), -1, __ATOMIC_ACQ_REL, pc) == 1) {
    reinterpret_cast<control_block*>(control)->_M_dispose();
    release_weak(control, pc);
  }
}

constexpr const char* make_ready_set_symbol = "_ZNSt13__future_base13_State_baseV211_Make_ready6_M_setEv";

/// _S_run, as the real _M_set registered it (the same function for every record).
std::atomic<exit_callback> real_run{nullptr};

/// The record's delete, at the program's call.
void free_record(make_ready_record* r, const void* pc) {
  if (!keep_freed(r, pc)) allocator_free(r);
}

/// At the thread's end, in the record's place: _S_run's work, seen by weft.
void make_ready_at_exit(void* record) {
  auto* r = static_cast<make_ready_record*>(record);
  if (tables() == nullptr) return real_run.load(std::memory_order_relaxed)(record);
  const void* pc = nullptr;
  {
    const weft_section weft;
    const auto it = callers().find(record);
    if (it != callers().end()) {
      pc = it->second;
      callers().erase(it);
    }
  }
  if (r->control == nullptr) return free_record(r, pc);
  if (add_use_if_alive(r->control, pc)) {  // the getter may have given up the state
    auto* status = reinterpret_cast<volatile std::int32_t*>(r->state + status_offset);
    const auto was = static_cast<std::uint32_t>(atomic_exchange_for(status, ready, __ATOMIC_RELEASE, pc));
    if ((was & waiter_bit) != 0) {
      wrapper_caller = pc;  // the wake's place (pthread_interpose.cpp's syscall)
      ::syscall(SYS_futex, status, FUTEX_WAKE_PRIVATE, INT_MAX);
    }
    release_use(r->control, pc);
  }
  release_weak(r->control, pc);
  free_record(r, pc);
}

}  // namespace
}  // namespace weft::detail::instrument

/// std::__future_base::_State_baseV2::_Make_ready::_M_set(), by its symbol.
void weft_make_ready_set(void* record) __asm__("_ZNSt13__future_base13_State_baseV211_Make_ready6_M_setEv");
void weft_make_ready_set(void* record) {
  using namespace weft::detail::instrument;
  static std::atomic<void*> real{nullptr};
  reinterpret_cast<void (*)(void*)>(resolve_real(real, make_ready_set_symbol))(record);
  if (tables() == nullptr) return;
  auto* r = static_cast<make_ready_record*>(record);
  real_run.store(r->callback, std::memory_order_relaxed);
  r->callback = &make_ready_at_exit;
  const weft_section weft;
  callers()[record] = __builtin_return_address(0);
}
