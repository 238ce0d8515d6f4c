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
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <type_traits>

#include "weft/detail/location.hpp"
#include "weft/detail/thread_body.hpp"
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

/// A bit of object_header::key: the identity holds within one execution
/// only. An object made while threads run is another object under another
/// schedule even at the same creation ordinal or heap address (a list node
/// one thread inserts here, another there), so the lock-order graph joins
/// its edges only with edges of the same execution.
inline constexpr std::uint64_t key_of_one_execution = std::uint64_t{1} << 62;

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
  // shared_mutex: the writers blocked until it is free; with writers_first
  // (glibc's PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP, set by weft exec
  // from the rwlock's attributes) a reader waits while one does.
  std::uint32_t writers_waiting = 0;
  bool writers_first = false;
  // A robust mutex (weft exec: glibc's PTHREAD_MUTEX_ROBUST) whose owner
  // ended holding it: the next lock answers EOWNERDEAD (died), the mutex is
  // then held inconsistent until pthread_mutex_consistent, and unlocked so it
  // can never be locked again (unrecoverable: ENOTRECOVERABLE).
  enum class owner_death : std::uint8_t { none, died, inconsistent, unrecoverable };
  bool robust = false;  // set by weft exec from the mutex's attributes
  owner_death death = owner_death::none;
  vclock clock;               // released-at clock
  location acquired_at;
  // Poll detection (execution::lock_polled): the execution's progress count
  // when it was last taken, who released it last, and how many polls in a
  // row that thread made.
  std::uint64_t acquired_progress = 0;
  std::uint32_t released_by = no_thread;
  std::uint32_t polls = 0;
};

struct cv_state : object_header {};

struct semaphore_state : object_header {
  std::ptrdiff_t initial = 0;  // the count a global semaphore starts each execution with
  std::ptrdiff_t count = 0;
  std::ptrdiff_t max = 0;
  vclock clock;
};

struct atomic_state : object_header {
  // The object's store history in the memory model of the execution
  // (checker/src/memory/), set when the execution adopts the object.
  std::uint32_t history = 0;
  // Spin detection: the writes so far, and which thread last observed which
  // of them. A thread that observes again a value nobody wrote since gives way.
  std::uint32_t version = 0;
  std::uint32_t observer = no_thread;
  std::uint32_t observed_version = 0;
  std::uint32_t observed_reads = 0;  // the observer's fresh plain reads then
};

/// FastTrack's per-variable state: the last write as an epoch, the reads as
/// an epoch or, once reads are concurrent, a vector clock.
struct var_state : object_header {
  std::uint32_t write_thread = no_thread;
  std::uint32_t write_clock = 0;
  location write_at;
  std::uint32_t read_thread = no_thread;  // no_thread + shared_reads: read-shared
  std::uint32_t read_clock = 0;
  location read_at;  // the latest read's, by read_by (read-shared: the others' are in the trace)
  std::uint32_t read_by = no_thread;
  bool shared_reads = false;
  bool atomic_too = false;  // weft exec: an atomic access touched this byte too (mixed_access.cpp)
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

// Atomics. Each access is a scheduling point (atomic_point), then, with no
// switch in between, the access itself: the caller reads the object's value
// (always the newest in modification order) and the memory model
// (checker/src/memory/) decides what the access reads and where its store
// goes. Values travel as `size` bytes of a trivially copyable T.
enum class atomic_access : std::uint8_t { load, store, rmw, compare_exchange };
void atomic_point(atomic_state& a, atomic_access access, const location& where);
/// A load. `value` holds the newest value; it is replaced by an older
/// store's when the load reads that one.
void atomic_load(atomic_state& a, std::memory_order order, void* value, std::size_t size);
/// A store of `value`; `newest` is the value before it. Returns whether the
/// store is now the newest (the caller then writes it into the object).
bool atomic_store(atomic_state& a, std::memory_order order, const void* newest, const void* value,
                  std::size_t size) noexcept;
/// A load and a store in one call each, the point included: `cell` is the
/// object's own bytes (its newest value), read after the point; a load's
/// `value` gets what it reads, and a store's `value` goes into `cell` when
/// it is the newest. (weft::atomic's loads and stores: one call instead of two.)
void atomic_load_at(atomic_state& a, std::memory_order order, const void* cell, void* value, std::size_t size,
                    const location& where);
void atomic_store_at(atomic_state& a, std::memory_order order, void* cell, const void* value, std::size_t size,
                     const location& where) noexcept;
/// A read-modify-write that read `old` (the newest value) and wrote `desired`.
void atomic_rmw(atomic_state& a, std::memory_order order, const void* old, const void* desired, std::size_t size);
/// The arithmetic of weft::atomic's fetch_add, fetch_sub, fetch_and, fetch_or,
/// fetch_xor and exchange on a value of 1, 2, 4 or 8 bytes, as unsigned
/// integers of that size (two's complement: the same bits as on signed ones;
/// a pointer's operand is already in bytes).
enum class rmw_op : std::uint8_t { add, sub, bit_and, bit_or, bit_xor, exchange };
/// A whole read-modify-write in one call, the point included: `cell` is the
/// object's own bytes (its newest value, `size` 1, 2, 4 or 8), read after the
/// point, combined with `operand` by `op` and written back; `old` gets the
/// value read. (weft::atomic's fetch_* and exchange: one call instead of two.)
void atomic_rmw_at(atomic_state& a, std::memory_order order, void* cell, std::size_t size, rmw_op op,
                   std::uint64_t operand, void* old, const location& where);
/// compare_exchange: `newest` is the value now. Returns true when it succeeds
/// (the caller writes `desired`); on failure `expected` holds the value read.
/// `weak`: it may fail spuriously.
bool atomic_compare_exchange(atomic_state& a, std::memory_order success, std::memory_order failure,
                             const void* newest, void* expected, const void* desired, std::size_t size, bool weak);
/// std::atomic_thread_fence: a scheduling point, and the fence's ordering.
void atomic_fence(std::memory_order order, const location& where);
/// A volatile load or store of an instrumented program (weft exec), which
/// the program makes itself right after: a scheduling point, and a relaxed
/// atomic access of the newest store of the `size` bytes at `address`.
void volatile_access(atomic_state& a, const void* address, std::size_t size, bool write, const location& where);

// Plain shared variables: race checks, not scheduling points.
void var_read(var_state& v, const location& where);
void var_write(var_state& v, const location& where);

// Threads and time.
/// `stack_size`: the thread's stack (weft exec: its pthread attribute's,
/// plus room for weft's own frames); 0: options::stack_size.
std::uint32_t thread_spawn(thread_body&& body, const location& where, std::size_t stack_size = 0);
/// False only when the joining thread was interrupted (thread_interrupt)
/// first: then the thread stays joinable.
bool thread_join(std::uint32_t thread, const location& where);
/// A join that gives up at `deadline` (logical time): false then, and the
/// thread stays joinable.
bool thread_join_until(std::uint32_t thread, const time_point& deadline, const location& where);
/// Whether `thread` has ended (a join would not block). Not a scheduling
/// point: a try-join yields first.
bool thread_ended(std::uint32_t thread) noexcept;
/// pthread_cancel of `thread` (weft exec): marks it interrupted. A wait of
/// its at a cancellation point (see thread_interruptible: a condition
/// variable's, a sleep, a join, a semaphore's) ends now, or as it begins;
/// the caller acts on the cancellation once the wait returns
/// (thread_interrupted).
void thread_interrupt(std::uint32_t thread);
/// Whether the current thread was interrupted (thread_interrupt) and has not
/// cleared it; `clear`: it acts on the interruption now.
bool thread_interrupted(bool clear) noexcept;
/// The current thread enters (true) or leaves a cancellation point's wait:
/// only there does an interruption end a wait.
void thread_interruptible(bool at_cancellation_point) noexcept;
/// Whether the current thread is in a cancellation point's wait and was
/// interrupted: a wait that loops on its own ends then.
bool thread_wait_interrupted() noexcept;
/// The execution no longer waits for `thread` (std::thread::detach).
void thread_detach(std::uint32_t thread, const location& where);
void thread_yield(const location& where);
/// weft exec: the current thread waits for something outside weft (a
/// descriptor not ready yet). If a thread other than those `waits_outside`
/// names (they wait outside too) is runnable, the current one gives way as a
/// poll does (no futile step); if one sleeps until a deadline, the current
/// one sleeps until the earliest (or until `also_until`, when given and
/// earlier: a logical timer of the program's); either way it returns true
/// and the caller looks again. False: no other thread can run by itself.
bool thread_wait_outside(bool (*waits_outside)(std::uint32_t thread), const char* what, const location& where,
                         const time_point* also_until = nullptr);
/// The current thread gives way without a futile step, at a scheduling
/// point named `what`.
void thread_give_way(const char* what, const location& where);
/// A scheduling point named `what` with no effect of its own (weft exec: a
/// step of a runtime weft does not see into, such as libomp's task queue).
void thread_point(const char* what, const location& where);
void thread_sleep_until(time_point deadline, const location& where);
/// weft exec: the whole process waited `waited` of real time for something
/// outside weft (no thread could run); logical time moves on as much.
void logical_time_passed(clock::duration waited) noexcept;
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
