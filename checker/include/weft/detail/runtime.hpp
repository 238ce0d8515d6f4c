// weft/detail/runtime.hpp — what the checked primitives call into.
//
// Each checked primitive (weft::mutex, weft::atomic, ...) keeps its
// per-execution state inline (a *_state below) and calls these functions at
// every visible operation. The state carries the generation of the
// execution it belongs to; a state from an earlier execution (a global
// object, say) is reset on first use, as loom's per-execution object store
// does. Not part of the public contract.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <type_traits>

#include "weft/detail/location.hpp"
#include "weft/detail/vclock.hpp"
#include "weft/result.hpp"
#include "weft/sync_policy.hpp"

namespace weft::detail {

inline constexpr std::uint32_t no_thread = ~std::uint32_t{0};

class execution;
/// The checked execution running on this OS thread, or null.
extern thread_local execution* current_execution_ptr;
extern thread_local bool detail_tracing;
inline execution* current() noexcept { return current_execution_ptr; }

enum class object_kind : std::uint8_t {
  mutex, recursive_mutex, shared_mutex, condition_variable, semaphore, atomic, var, thread,
};

struct object_header {
  std::uint64_t generation = 0;  // the execution this state belongs to
  std::uint64_t key = 0;         // identity across executions (lock-order graph)
  std::uint32_t ordinal = 0;     // traces name the object kind#ordinal
  object_kind kind = object_kind::mutex;
  // What reports call the object besides kind#ordinal; set once, at
  // construction or by weft::name, and kept across executions.
  std::uint32_t born_line = 0;         // where it was constructed (0: unknown)
  const char* born_file = nullptr;
  const char* given_name = nullptr;    // the user's name (interned), or null
};

/// Records where an object is being constructed (a member's construction is
/// its enclosing constructor, or the enclosing class for an implicit one).
constexpr void note_birth(object_header& h, const location& where) noexcept {
  h.born_file = where.file_name();
  h.born_line = where.line();
}
/// Gives the object a name of the user's; the text is copied (interned for
/// the process), so any string will do.
void give_name(object_header& h, std::string_view name);
/// What the checked primitives grant weft::name: their header.
struct header_access {
  template <class Object>
  static object_header& of(Object& object) noexcept {
    return object.state_;
  }
};

struct mutex_state : object_header {
  std::uint32_t owner = no_thread;
  std::uint32_t recursion = 0;
  std::uint32_t readers = 0;  // shared_mutex: shared holders
  vclock clock;               // released-at clock
  location acquired_at;
};

struct cv_state : object_header {};

struct semaphore_state : object_header {
  std::ptrdiff_t initial = 0;  // the count a global semaphore starts each execution with
  std::ptrdiff_t count = 0;
  std::ptrdiff_t max = 0;
  vclock clock;
};

struct atomic_state : object_header {
  vclock clock;  // release clock
  // Spin detection: the writes so far, and which thread last observed which
  // of them. A thread that observes again a value nobody wrote since gives way.
  std::uint32_t version = 0;
  std::uint32_t observer = no_thread;
  std::uint32_t observed_version = 0;
};

/// FastTrack's per-variable state: the last write as an epoch, the reads as
/// an epoch or, once reads are concurrent, a vector clock.
struct var_state : object_header {
  std::uint32_t write_thread = no_thread;
  std::uint32_t write_clock = 0;
  location write_at;
  std::uint32_t read_thread = no_thread;  // no_thread + shared_reads: read-shared
  std::uint32_t read_clock = 0;
  location read_at;
  bool shared_reads = false;
  vclock reads;
  std::uint64_t write_event = 0, read_event = 0;  // trace indices (tracing only)
};

// Object lifetime. Called by constructors/destructors inside an execution.
void on_create(object_header& h, object_kind kind) noexcept;
void on_destroy_mutex(mutex_state& m) noexcept;

// Mutexes (plain, recursive, shared).
void mutex_lock(mutex_state& m, const location& where);
bool mutex_try_lock(mutex_state& m, const location& where);
void mutex_unlock(mutex_state& m, const location& where);
void mutex_lock_shared(mutex_state& m, const location& where);
bool mutex_try_lock_shared(mutex_state& m, const location& where);
void mutex_unlock_shared(mutex_state& m, const location& where);

// Condition variables: register as a waiter, release the lock (the caller
// does it, so any BasicLockable works), then block until notified, timed out
// or (when enabled) spuriously woken. Returns false on timeout.
void cv_wait_begin(cv_state& cv, const location& where);
bool cv_wait_block(cv_state& cv, const time_point* deadline, const location& where);
void cv_notify(cv_state& cv, bool all, const location& where);

// Semaphores.
void semaphore_init(semaphore_state& s, std::ptrdiff_t initial, std::ptrdiff_t max) noexcept;
bool semaphore_acquire(semaphore_state& s, const time_point* deadline, bool try_only,
                       const location& where);
void semaphore_release(semaphore_state& s, std::ptrdiff_t n, const location& where);

// Atomics: a scheduling point, then the happens-before effect of the access.
// The value itself is read/written by the caller right after (no switch in
// between, so the access is atomic).
enum class atomic_access : std::uint8_t { load, store, rmw };
void atomic_op(atomic_state& a, atomic_access access, std::memory_order order,
               const location& where);
/// atomic_op in two halves, for compare-exchange: the scheduling point, then
/// (knowing whether it succeeded) the happens-before effect.
void atomic_point(atomic_state& a, const location& where);
void atomic_sync(atomic_state& a, atomic_access access, std::memory_order order);
/// After an rmw that left the value as it was (a failed test-and-set): not a
/// write after all, but an observation — a spin, when nothing changed since.
void atomic_rmw_unchanged(atomic_state& a) noexcept;

// Plain shared variables: race checks, not scheduling points.
void var_read(var_state& v, const location& where);
void var_write(var_state& v, const location& where);

// Threads and time.
std::uint32_t thread_spawn(std::function<void()> body, const location& where);
void thread_join(std::uint32_t thread, const location& where);
/// The execution no longer waits for `thread` (std::thread::detach).
void thread_detach(std::uint32_t thread, const location& where);
void thread_yield(const location& where);
void thread_sleep_until(time_point deadline, const location& where);
time_point logical_now() noexcept;
std::uint32_t current_thread_id() noexcept;

/// A deadline as logical time. weft's clock (steady_clock, which Sync::now()
/// returns) is logical time inside an execution and is taken as it is; a
/// deadline on another clock is converted through its distance from now.
template <class Clock, class Duration>
time_point to_logical(const std::chrono::time_point<Clock, Duration>& t) {
  if constexpr (std::is_same_v<Clock, clock>) {
    return std::chrono::time_point_cast<clock::duration>(t);
  } else {
    return logical_now() + std::chrono::duration_cast<clock::duration>(t - Clock::now());
  }
}

/// Ends the current execution with a finding (never returns).
[[noreturn]] void fail(finding_kind kind, std::string message, const location& where);
/// Records a misuse finding of sub-kind `what`; ends the execution.
[[noreturn]] void misuse(finding_subkind what, std::string message, const location& where);
/// Records a misuse finding without throwing (destructors); the execution
/// ends at the next scheduling point.
void report_misuse(finding_subkind what, std::string message, const location& where) noexcept;

/// True while a failing schedule is replayed with full event recording.
inline bool tracing() noexcept { return detail_tracing; }
/// Records the value an operation read or wrote (trace mode only).
void trace_value(std::string text);

}  // namespace weft::detail
