// address_objects.hpp — the checked state of objects an instrumented program
// names only by address: its plain memory (a FastTrack state per byte), its
// atomics, pthread mutexes, rwlocks, condition variables, semaphores, once
// flags and futex words; and what else the runtime keeps per execution
// (threads' results, the clocks' start, annotated synchronisation). Each
// state is created on first use inside a checked execution and forgotten when
// the memory is freed (free, realloc), so a later allocation at the same
// address starts clean. Under `weft exec` every execution is a fresh process;
// the tables also start over when a process runs several executions (they
// belong to one execution's generation).
#pragma once

#include <poll.h>
#include <signal.h>
#include <sys/types.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <span>
#include <utility>
#include <string>
#include <vector>

#include "weft/detail/runtime.hpp"
#include "../runtime/program_code.hpp"
#include "byte_shadow.hpp"

namespace weft::detail::instrument {

/// Whether the program's own code is running on a logical thread, as
/// opposed to weft's (the engine calls pthread functions too, and they are
/// the interposed ones in an instrumented program). Set when a logical
/// thread enters the program's code, cleared while a hook runs weft
/// (runtime/program_code.hpp).
using weft::detail::in_program;

/// options::volatile_plain of this weft exec run (exec_main.cpp; tsan_entry.cpp).
extern bool volatile_plain;

/// The program called `what` (fork(), execve()...), which weft exec
/// does not follow for the reason `why`: the run ends with one line of error
/// and exit status 2 (exec_main.cpp).
[[noreturn]] void unsupported(const char* what, const char* why);

/// Inside a weft_section of an execution: the signals the current logical
/// thread blocks; a new thread's, its creator's (signals.cpp).
std::uint64_t current_signal_mask();
void start_signal_mask(std::uint32_t thread, std::uint64_t mask);
/// Inside an execution, from the program: `call` sends `signal` to logical
/// thread `thread` (pthread_kill, pthread_sigqueue, raise); 0 or an error
/// number, as pthread_kill returns.
int signal_thread(std::uint32_t thread, int signal, const char* call);
/// Inside a weft_section of an execution (signals.cpp): `set` as bits (bit
/// s - 1 for signal s; SIGKILL and SIGSTOP left out); the lowest signal of `wanted` pending for the
/// current thread or the process, taken (0: none); the same after waiting,
/// the weft way, until one is; whether one of `wanted` is pending anywhere.
std::uint64_t signal_bits(const sigset_t& set);
int take_signal(std::uint64_t wanted);
int wait_and_take_signal(std::uint64_t wanted, const location& where);
bool signal_pending(std::uint64_t wanted);
/// Inside a weft_section (signal_fds.cpp): makes the non-blocking eventfd
/// `eventfd` hold a count exactly while `wanted`; `readable` says whether it
/// holds one. A signalfd or timerfd weft makes is such an eventfd, which
/// poll, epoll and select see as any descriptor.
void set_readable(int eventfd, bool& readable, bool wanted);
/// Such an eventfd (non-blocking, empty), close-on-exec when `flags` has
/// O_CLOEXEC (SFD_CLOEXEC and TFD_CLOEXEC are it); -1 and errno on failure.
int readiness_eventfd(int flags);
/// Inside a weft_section (signal_fds.cpp): what is pending changed, so
/// each signalfd says again whether it has something to read.
void signals_changed();
/// Inside an execution, from the program (signal_fds.cpp): whether `fd` is
/// one of its signalfds; a read of one; its close.
bool is_signal_fd(int fd);
ssize_t signal_fd_read(int fd, void* buf, std::size_t n, const void* pc);
void signal_fd_closed(int fd);

/// Inside a weft_section (pthread_interpose.cpp): whether the program reads
/// `clock` in logical time; the logical time at which `clock` reads
/// `abstime` (now if that is past).
bool is_logical(clockid_t clock);
weft::time_point logical_deadline(clockid_t clock, const timespec* abstime);
/// A relative time (a timeout, a sleep, a timer's interval) as a duration.
weft::clock::duration duration_of(const timespec& t);
/// Inside a weft_section (timer_fds.cpp): the timerfds whose deadline
/// logical time has reached become readable; the earliest deadline of an
/// armed one (false: none is armed).
void timers_due();
bool next_timer_deadline(weft::time_point* at);
/// Inside an execution, from the program (timer_fds.cpp): whether `fd` is
/// one of its logical timerfds; a read of one; its close.
bool is_timer_fd(int fd);
ssize_t timer_fd_read(int fd, void* buf, std::size_t n, const void* pc);
void timer_fd_closed(int fd);

/// Inside a weft_section (internal_fds.cpp): whether nothing outside the
/// process can make any of `fds` ready (pipes, socket pairs, eventfds,
/// logical timerfds and epoll instances the program made in this
/// execution); whether a real timer may deliver a signal (alarm, setitimer,
/// timer_create); a descriptor of the program closed.
bool only_internal(std::span<const pollfd> fds);
bool real_timer_armed();
void internal_fd_closed(int fd);

/// Under weft exec (stdin_capture.cpp): the fork server takes a copy of its
/// standard input, which every execution then reads from its start.
void capture_stdin();
void give_stdin_to_execution();
/// Under weft exec, __wrap_main began: the guard of what the program does
/// before main (startup_guard.cpp) stands down.
void startup_reached_main();
/// Under weft exec, before main (startup_guard.cpp): a thread the start-up
/// creates is not started then, in the process that forks the executions
/// (where the executions would not have it), but by every execution as its
/// first threads, right before main (pthread_interpose.cpp).
bool deferring_threads();
std::size_t early_thread_count();
void start_early_threads();
/// Inside an execution (file_locks.cpp): a descriptor of the program closed;
/// a flock lock taken through it is released.
void file_lock_fd_closed(int fd);
/// Inside an execution (fifo_open.cpp): a descriptor of the program closed;
/// a FIFO's writer opened through it is no longer one.
void fifo_fd_closed(int fd);
/// In the fork server, before the first execution (sysv_ipc.cpp): the System
/// V queues and semaphore sets each execution's process makes are listed,
/// and remove_ipc_left_by(pid) removes those of an ended execution's
/// process the program did not remove.
void remove_ipc_left_behind_by_executions();
void remove_ipc_left_by(pid_t pid);
/// In the fork server (openmp_locks.cpp): libomp's registration of an ended
/// execution's process, a file in /dev/shm named after the process that
/// its exit would have removed (executions end with _exit), is removed.
void remove_openmp_registration_of(pid_t pid);
/// Inside an execution: the program closes `fd` (close, or fclose of its
/// stream), right before the real close: each of the above that follows
/// descriptors forgets it (exec_main.cpp).
void descriptor_closing(int fd);

/// Whether `pc` is in the code of a tool loaded into the program, not the
/// program's: LLVM's OpenMP tool Archer (libarcher.so), which tells weft
/// about OpenMP's synchronisation (annotations.cpp), or a malloc the program
/// links instead of glibc's (libjemalloc, libtcmalloc, libmimalloc). Their
/// own locks guard their bookkeeping, never the program's data, and hold no
/// scheduling point: a lock they take is the real one, so that weft does not
/// run another logical thread in the middle of an OpenMP runtime step
/// (openmp_tasks.cpp), nor allocate inside the allocator's own malloc.
bool in_tool_code(const void* pc) noexcept;
/// Finds the tools' code (in_tool_code), and makes room for the locks they
/// take: called once before main, before an allocator's code can ask.
void find_tool_code();
/// Whether `pc` is in the OpenMP runtime (libomp) or its tool: the memory
/// it copies, fills and frees for itself is not the program's, and, as
/// ThreadSanitizer with ignore_noninstrumented_modules, weft does not check
/// those calls (what OpenMP orders reaches weft through Archer instead).
bool in_openmp_runtime(const void* pc) noexcept;
/// Whether `pc` is in a library whose threads order their own memory by
/// means weft does not see: ZeroMQ's (libzmq hands its commands and
/// messages between its threads through lock-free pipes of its own, whose
/// compare-and-swap was never instrumented), OpenSSL's (libcrypto and
/// libssl count references to keys and contexts with inline atomics, and
/// the thread that drops the last one frees what another copied out),
/// spdlog's (library_callbacks.cpp; on the threads its pool started, any
/// uninstrumented code outside the program's calls), NNG's (it copies a
/// message on its task threads and frees it by a reference count of its
/// own), LevelDB's and RocksDB's (their memtables' skip lists publish a
/// write; RocksDB's write group and background jobs). As
/// ThreadSanitizer's called_from_lib, the memory such a library copies,
/// fills and frees is not checked; what it orders for the program is
/// followed at its entry points instead (zmq_messages.cpp).
bool in_opaque_library(const void* pc) noexcept;
/// Whether the program loaded one of those libraries.
bool opaque_library_loaded() noexcept;
/// Whether `pc`, the return address of a copy, fill or comparison, is in
/// libstdc++.so's code called by one of those libraries (RocksDB's write
/// path appending to a std::string on the program's thread): a walk of the
/// stack, only for a call from libstdc++.so while one of them is loaded.
bool called_for_opaque_library(const void* pc) noexcept;
/// Whether the call at `pc` is a library's copy, fill or formatting of its
/// own memory, not checked: the OpenMP runtime's, QThreadPool's
/// bookkeeping, a malloc's the program links, an opaque library's
/// (memory_interpose.cpp).
bool libraries_own(const void* pc);
/// Whether `pc` is in libQt6Core's code (qt_sync.cpp).
bool in_qt_core(const void* pc) noexcept;
/// Whether `pc`, in libQt6Core, is QThreadPool's own bookkeeping on this
/// thread (a call of the pool's from the program in progress, or a pool
/// thread back in the pool's loop between two runnables): the memory it
/// copies and fills is the pool's, ordered by the pool's QMutex, which weft
/// does not see (qt_pool.cpp); weft does not check those calls.
bool in_qt_pool_code(const void* pc) noexcept;
/// Whether the current thread runs a QtConcurrent engine for a pool
/// (qt_pool.cpp); while it does, the instrumented program's function entries
/// (called from `pc`) go to qt_program_entered, which sees the engine's
/// last thread enter its asynchronousFinish.
extern thread_local bool engine_runs;
void qt_program_entered(const void* pc) noexcept;
/// Inside an execution, in a weft_section: the current logical thread
/// acquires what `clock` holds (every release into it happens before what
/// the thread does next), or releases into it (joins its own clock in).
void acquire_clock(vclock& clock);
void release_to_clock(vclock& clock);
/// Inside an execution, in a weft_section: the current thread's call (named
/// `what`, called at `where`) would wait in the kernel for what only another
/// thread or process brings. It gives way (thread_wait_outside) while listed
/// in `waiting`, which `waits`, the question thread_wait_outside asks about
/// each thread, reads: true, try again; false, no other thread can run.
bool give_way(std::set<std::uint32_t>& waiting, bool (*waits)(std::uint32_t), const char* what,
              const location& where, const weft::time_point* deadline = nullptr);
/// A reference counted at `counter` (an object's address, or a key inside
/// it) is dropped by an atomic read-modify-write of a library's, which the
/// instrumentation does not see: it acquires the drops before it and
/// releases to the ones after it, on the clock kept at that address, which
/// goes with the memory when it is freed (annotations.cpp). Nothing outside
/// an execution.
void counted_drop(const void* counter);
/// A library's function that drops a reference to `object`, called from
/// `pc`: a scheduling point named `what` (which thread drops the last one is
/// a choice), then counted_drop(object); nothing for a null object or
/// outside an execution (library_refcounts.cpp).
void library_reference_dropped(const void* object, const char* what, const void* pc);
/// A release into, and an acquire from, the clock kept at `address`, as
/// AnnotateHappensBefore and AnnotateHappensAfter make them (annotations.cpp):
/// a library's hand-over followed at its entry points. Nothing outside an
/// execution.
void release_at(const volatile void* address);
void acquire_at(const volatile void* address);
/// Inside an execution, a scheduling point named `what` where a library
/// whose code has none (libglib, libgobject, libQt6Core) hands work over
/// or counts a reference, at the program's call from `pc`; outside one,
/// nothing (address_objects.cpp).
void library_point(const char* what, const void* pc);
/// A tool's lock of `m` returned `result`: when it took the lock, the unlock
/// is the real one too (tool_unlocks). Returns `result`.
int tool_locked(const void* m, int result);
/// Whether the unlock of `m` is a tool's (then forgotten).
bool tool_unlocks(const void* m) noexcept;

/// Inside an execution, with a logical thread's stack nearly used up at
/// `frame` (execution::check_headroom): reports the overflow and ends the
/// execution (does not return).
void check_headroom(const void* frame) noexcept;

/// While it lives, weft runs (a hook's body): calls it makes to interposed
/// functions are the real ones. Leaving restores what ran before (weft_code):
/// a section inside weft's own code (a helper that hooks and weft's statics
/// both call) leaves weft's code running.
class weft_section {
 public:
  weft_section() noexcept { check_headroom(__builtin_frame_address(0)); }
  weft_section(const weft_section&) = delete;
  weft_section& operator=(const weft_section&) = delete;

 private:
  weft_code code_;  // constructed first: weft runs before the check
};

/// The converse: while it lives, the program's own code runs (main, a
/// thread's start routine, a pthread_once routine), however it is left.
struct program_section {
  program_section() noexcept { in_program = true; }
  ~program_section() { in_program = false; }
  program_section(const program_section&) = delete;
  program_section& operator=(const program_section&) = delete;
};


/// How many instrumented functions of the program the current thread is in
/// (__tsan_func_entry and __tsan_func_exit keep it; exit_handlers.cpp asks).
extern thread_local unsigned instrumented_depth;

/// Compiled libraries that call the program's instrumented code back and
/// order those calls by means weft does not see (library_callbacks.cpp).
enum class callback_library : unsigned char {
  none,
  qt_core,
  spdlog,
  grpc,
  /// Not one of them: an opaque library (in_opaque_library) that started the
  /// thread (thread_library only).
  opaque,
};
/// Their code, once find_callback_libraries() looked (0, 0: not loaded);
/// gRPC's is two libraries, libgrpc++ and libgrpc.
extern std::uintptr_t qt_core_lo, qt_core_hi, spdlog_lo, spdlog_hi, grpcpp_lo, grpcpp_hi, grpc_lo, grpc_hi;
/// The span from the lowest of their code to the highest (0, 0: none is
/// loaded): a caller outside it, the program's own code above all, is none
/// of them at one compare.
extern std::uintptr_t callback_code_lo, callback_code_hi;
/// What gRPC's calls into the program and its batches of operations
/// publish: one clock, kept at this token's address (grpc_calls.cpp).
extern char grpc_handoffs;
/// Finds their code: called once before main.
void find_callback_libraries();
/// Whether `pc` is in libQt6Core's code.
inline bool called_from_qt_core(const void* pc) noexcept {
  const auto at = reinterpret_cast<std::uintptr_t>(pc);
  return at >= qt_core_lo && at < qt_core_hi;
}
/// The library that started the current logical thread, if spdlog (its
/// thread pool) or an opaque library did (`opaque`: RocksDB's background
/// jobs, ZeroMQ's I/O threads, gRPC's pollers): what uninstrumented code
/// does on the thread outside the program's calls is that library's
/// (in_opaque_library), whichever library it calls (std::string's append
/// in libstdc++.so copies for RocksDB's flush).
extern thread_local callback_library thread_library;
/// Which of them started the thread that the current one is starting (a
/// walk of the stack, only when one of them is loaded).
callback_library library_starting_thread();
/// Which of them `pc` is in (__tsan_func_entry asks with its caller).
inline callback_library calling_library(const void* pc) noexcept {
  const auto at = reinterpret_cast<std::uintptr_t>(pc);
  if (at - callback_code_lo >= callback_code_hi - callback_code_lo) [[likely]] return callback_library::none;
  if (at >= qt_core_lo && at < qt_core_hi) [[unlikely]] return callback_library::qt_core;
  if (at >= spdlog_lo && at < spdlog_hi) [[unlikely]] return callback_library::spdlog;
  if ((at >= grpcpp_lo && at < grpcpp_hi) || (at >= grpc_lo && at < grpc_hi)) [[unlikely]] return callback_library::grpc;
  return callback_library::none;
}
/// Calls from those libraries into the program's instrumented code the
/// current thread is in, the instrumented depth and library of each,
/// innermost last: __tsan_func_entry calls callback_entered when its caller
/// is one of them, __tsan_func_exit callback_leaving when the innermost one
/// returns.
constexpr unsigned callback_nesting = 64;
extern thread_local unsigned callback_depths[callback_nesting];
extern thread_local unsigned callbacks;
/// `callee`: an address in the function entered.
void callback_entered(callback_library from, const void* callee) noexcept;
void callback_leaving() noexcept;
/// A free inside such a call: it comes after what the calls that returned
/// did, for Qt's (keep_freed asks).
void callback_library_frees() noexcept;
/// Qt's part of each (qt_events.cpp).
void qt_callback_entered() noexcept;
void qt_callback_leaving() noexcept;
void qt_callback_frees() noexcept;
/// The program ends (exit(0), or main's return): its atexit handlers and the
/// destructors of its statics run here, in the thread that ends it, the
/// others still running (exit_handlers.cpp). Once per execution.
void run_program_exit_handlers();
/// A logical thread of the program ends (its start routine returned, or
/// pthread_exit, main's too): its thread_local destructors, its keys'
/// destructors, then its robust mutexes released (pthread_interpose.cpp);
/// and when main has ended with pthread_exit and this is the last thread,
/// the process exits as POSIX says, as if the thread called exit(0): the
/// program's exit work runs on it (exec_main.cpp, exit_if_last_thread).
void thread_exit_work();
/// After main's pthread_exit: when no other thread of the program is left,
/// the process's exit(0) work runs here and the execution ends (does not
/// return); otherwise returns at once (exec_main.cpp).
void exit_if_last_thread();

/// A cancellation point of the program's (pthread_cancel.cpp), called where
/// the program's code runs (outside a weft_section): when a cancellation of
/// the current thread is due, the thread ends there, as pthread_exit(
/// PTHREAD_CANCELED) ends it; otherwise returns at once.
void cancellation_point();

/// The wait of a cancellation point (`wait`, run in a weft_section, returns
/// an int): a cancellation due before it, or one that comes while it waits
/// (it ends the wait), acts.
template <class Wait>
int cancellable(Wait wait) {
  cancellation_point();
  int rc = 0;
  {
    const weft_section weft;
    thread_interruptible(true);
    rc = wait();
    thread_interruptible(false);
  }
  cancellation_point();
  return rc;
}

/// pthread_once: whether `address` has run its routine, as a mutex guards it.
struct once_state {
  mutex_state lock;
  vclock completed;  // the routine's end, released once: what every later caller acquires
  bool done = false;
};
/// Inside a weft_section: a once flag's protocol (pthread_once, kj::Lazy's
/// runOnce) on `o`, for the call at `where` (`what` names its point): the
/// first caller runs `routine` under the flag's mutex, the others wait for
/// it; a caller after the routine's end synchronises with that end, as an
/// acquire load of the flag does, not with the callers before it (a lock of
/// the mutex would order every caller after every earlier one and hide their
/// races: libcrypto calls pthread_once on most of its entry points). An
/// exception from the routine leaves the flag unset for the next caller.
/// Whether this call ran the routine.
template <class Routine>
bool run_once(once_state& o, const char* what, Routine routine, const location& where) {
  if (o.done) {
    thread_point(what, where);
    acquire_clock(o.completed);
    return false;
  }
  mutex_lock(o.lock, where);
  const bool runs = !o.done;
  if (runs) {
    try {
      routine();
    } catch (...) {
      mutex_unlock(o.lock, where);
      throw;
    }
    o.done = true;
    release_to_clock(o.completed);
  }
  mutex_unlock(o.lock, where);
  return runs;
}

/// A logical thread's cancellation (pthread_cancel.cpp): requested, whether
/// it may act (pthread_setcancelstate), and its type (pthread_setcanceltype).
struct cancel_state {
  bool pending = false;
  bool enabled = true;
  bool asynchronous = false;
};

/// pthread_barrier_t: its count, who arrived, and which round it is in.
struct barrier_state {
  mutex_state lock;
  cv_state all_here;
  unsigned count = 0, arrived = 0;
  std::uint64_t round = 0;
};

/// A heap block the program freed in this execution, kept allocated until
/// the execution ends or the quarantine is full (freed_blocks.cpp): who freed
/// it, where and at which epoch of theirs, so that freeing it again, or using
/// it after the free, is reported.
struct freed_block {
  std::size_t size = 0;
  std::uint32_t thread = 0;
  std::uint32_t epoch = 0;  // the freeing thread's own clock entry at the free
  location where;
  std::uint64_t event = 0;  // the free's trace step (tracing only)
  void (*release)(void*) = nullptr;  // what gives it back to its allocator (null: glibc's free)
};

/// What the runtime keeps for one execution, by address where it has one.
/// weft exec's signals (signals.cpp), by logical thread id: the signals
/// each blocks, those pending for it, the sets of those waiting in sigwait;
/// and those pending for the process. Bit n-1 is signal n.
struct signal_state {
  std::map<std::uint32_t, std::uint64_t> blocked, pending, waiting;
  std::uint64_t process_pending = 0;
  vclock sent;  // what sending a signal released, and taking one acquires
  /// The program's signalfds (each an eventfd, readable while one of its
  /// signals is pending: signal_fds.cpp), by descriptor.
  struct signal_fd {
    std::uint64_t mask = 0;
    bool nonblocking = false;
    bool readable = false;  // its eventfd holds a count
  };
  std::map<int, signal_fd> fds;
};

/// A timerfd made inside an execution on a clock the program reads in
/// logical time: an eventfd readable while it has expirations to read
/// (timer_fds.cpp).
struct timer_fd {
  clockid_t clock = CLOCK_MONOTONIC;
  bool nonblocking = false;
  bool armed = false;
  weft::time_point deadline{};        // the next expiration, when armed
  weft::clock::duration interval{};   // zero: it fires once
  std::uint64_t expirations = 0;      // not read yet
  bool readable = false;              // its eventfd holds a count
};

/// The descriptors made in this execution that only the program's threads
/// can make ready (internal_fds.cpp).
struct internal_descriptors {
  std::set<std::pair<dev_t, ino_t>> files;  // pipes and socket pairs, by inode
  std::set<int> eventfds;                   // by number, until closed
  std::map<int, std::set<int>> epolls;      // epoll instances: what is registered in each
  bool outside_processes = false;           // popen, system or posix_spawn was called
  bool real_timers = false;                 // timer_create was called
};

/// An atomic object of the program's memory, found by address, with what
/// the race checks between its atomic accesses and plain accesses of the
/// same bytes read (mixed_access.hpp): its last atomic write and read, as
/// epochs, in the execution `accessed_in`.
struct address_atomic : atomic_state {
  std::uint64_t accessed_in = 0;  // address_tables::generation of the epochs below (0: none yet)
  std::uint8_t width = 0;         // bytes of its widest atomic access then
  std::uint32_t write_thread = no_thread;
  std::uint32_t write_clock = 0;
  location write_at;
  const char* write_kind = "";    // "atomic write", "atomic read-modify-write"...
  std::uint64_t write_event = 0;  // trace index (tracing only)
  std::uint32_t read_thread = no_thread;
  std::uint32_t read_clock = 0;
  location read_at;
  const char* read_kind = "";
  std::uint64_t read_event = 0;
};

struct address_tables {
  std::uint64_t generation = 0;
  byte_shadow bytes;                               // plain memory: a state per byte (byte_shadow.hpp)
  std::map<std::uintptr_t, address_atomic> atomics;
  std::map<std::uintptr_t, mutex_state> mutexes;
  std::map<std::uintptr_t, cv_state> cvs;
  std::map<std::uintptr_t, semaphore_state> semaphores;
  std::map<std::uintptr_t, once_state> onces;
  std::map<std::uintptr_t, barrier_state> barriers;
  std::map<std::uintptr_t, std::uintptr_t> benign;  // ranges, start -> end
  std::map<std::uintptr_t, vclock> syncs;          // AnnotateHappensBefore/After's clocks
  std::vector<void*> results;                      // pthread_join's values, by logical thread id
  std::map<std::uint32_t, std::string> names;      // pthread_setname_np's, by logical thread id
  std::map<std::uint32_t, cancel_state> cancels;   // pthread_cancel.cpp, by logical thread id
  signal_state signals;                            // signals.cpp
  std::map<int, timer_fd> timers;                  // timer_fds.cpp, by descriptor
  std::map<std::uintptr_t, freed_block> freed;     // the quarantine, by block
  std::deque<std::uintptr_t> freed_order;          // its blocks, oldest first
  std::size_t freed_bytes = 0;                     // their sizes, summed
  vclock descriptors;                              // what writes to descriptors released (io_interpose.cpp)
  struct outside_wait {
    std::vector<pollfd> fds;                    // the descriptors a thread waits on
    std::optional<weft::time_point> deadline;   // when its wait times out, in logical time (none: never)
    const char* what = "";                      // the call that waits (poll, read...)
  };
  std::map<std::uint32_t, outside_wait> waiting_outside;  // by thread (io_interpose.cpp)
  internal_descriptors internal;                   // internal_fds.cpp
  std::map<const void*, unsigned> condition_awaiters;  // mutex_conditions.cpp: by library mutex, its conditions' waiters
  std::set<const void*> glib_initialising;         // glib_sync.cpp: g_once_init_enter's, entered and not left
  std::map<const void*, void*> glib_pools;         // glib_sync.cpp: a GThreadPool's task function
  bool clocks_started = false;                     // clock_gettime: the real clocks at the start
  timespec realtime{}, monotonic{};
};

/// The tables of the current execution when the program's code called, or
/// null (outside an execution, or weft calling): then every instrumented
/// operation is the plain one.
address_tables* tables() noexcept;
/// The tables of the current execution, once tables() said there is one
/// (inside the hook's weft_section).
address_tables& current_tables() noexcept;
/// A file's own state `s` for the current execution (a State with a
/// `generation`, weft's memory), started afresh when a new execution runs in
/// this process; call inside a weft_section.
template <class State>
State& this_execution(State& s) {
  const std::uint64_t generation = current_tables().generation;
  if (s.generation != generation) {
    s = State{};
    s.generation = generation;
  }
  return s;
}

var_state& byte_at(address_tables& t, std::uintptr_t address);
address_atomic& atomic_at(address_tables& t, const volatile void* address);
mutex_state& mutex_at(address_tables& t, const void* address, object_kind kind);
/// Inside a weft_section: waits on `cv`, `lock` released meanwhile (a
/// condition variable's wait; pthread_interpose.cpp); false on timeout.
bool wait_on(cv_state& cv, mutex_state& lock, const weft::time_point* deadline, const location& where);
cv_state& cv_at(address_tables& t, const void* address);
semaphore_state* semaphore_at(address_tables& t, const void* address);  // null: never initialised
semaphore_state& new_semaphore_at(address_tables& t, const void* address, std::ptrdiff_t initial);
once_state& once_at(address_tables& t, const void* address);
barrier_state& barrier_at(address_tables& t, const void* address, unsigned count);  // a new barrier
barrier_state* barrier_of(address_tables& t, const void* address);                  // null: never initialised

/// Inside a weft_section: tries `try_lock` again each logical millisecond
/// until `deadline`; whether it got the lock (a timed lock's wait).
template <class TryLock>
bool lock_until(TryLock try_lock, weft::time_point deadline, const location& where) {
  for (;;) {
    if (try_lock()) return true;
    if (logical_now() >= deadline) return false;
    thread_sleep_until(std::min(deadline, logical_now() + std::chrono::milliseconds(1)), where);
  }
}

/// The value logical thread `id` ended with (pthread_exit or its routine's return).
void*& thread_result(address_tables& t, std::uint32_t id);

/// Forgets every state in [address, address + size) (memory being freed).
void forget(const void* address, std::size_t size) noexcept;
/// forget()'s work on `t`, whoever calls: every state in [lo, hi) erased.
void erase_states(address_tables& t, std::uintptr_t lo, std::uintptr_t hi);

/// The program frees `block` (free(), operator delete), called from `pc`.
/// Inside an execution the block's bytes are written by the freeing thread
/// (a free races with unordered accesses, as in ThreadSanitizer) and the
/// block is kept, not given back: false means the caller frees it now.
/// Freeing a kept block again is a misuse/double_free finding.
bool keep_freed(void* block, const void* pc) noexcept;
/// Gives `block` back to the program's allocator: the free after weft's
/// (glibc's, or that of an allocator the program links, jemalloc's say).
void allocator_free(void* block) noexcept;
/// The same for a block of `size` bytes of another allocator (`how`, its
/// free's name; `release`, what gives it back when it leaves the
/// quarantine): a library's own, which would hand it to another thread
/// without weft seeing it (oneTBB's, tbb_memory.cpp).
bool keep_freed(void* block, std::size_t size, void (*release)(void*), const char* how, const void* pc) noexcept;
/// The program gives [start, start + length) back (`what`, called from
/// `pc`) to something that may hand it to another thread without weft
/// seeing it: munmap (or an mremap or a MAP_FIXED mmap replacing a mapping),
/// an allocator of a library's own (oneTBB's). Inside an execution, from the
/// program's code, the bytes it accessed are written by the calling thread
/// (as free's are: an unordered access from another thread is a data race)
/// and their checked state is forgotten, so that the memory's next user
/// starts clean.
void given_back(const void* start, std::size_t length, const char* what, const void* pc) noexcept;
/// The program reallocates `block`: a block it freed already is a
/// misuse/double_free finding (does not return then).
void check_realloc(void* block, const void* pc) noexcept;
/// Inside a weft_section: the current thread reads (or writes) [address,
/// address + size) at `where`. If that is inside a kept block whose free
/// happens before the access, a misuse/use_after_free finding (does not
/// return then). An access unordered with the free races with it: a plain
/// one (`atomic` null) is the race detector's (the free wrote its bytes),
/// an access to the atomic object `atomic` (`kind`: "atomic read",
/// "volatile write"...) a data_race finding here.
void check_not_freed(address_tables& t, std::uintptr_t address, std::size_t size, bool write,
                     const location& where, const object_header* atomic = nullptr, const char* kind = nullptr);
/// Races between atomic and plain accesses of the same bytes
/// (mixed_access.cpp), inside a weft_section. An atomic access of `a`
/// (`size` bytes at `address`, `write`: it stores; `kind`: "atomic read",
/// "atomic write"...) after its scheduling point: a data_race finding when
/// it is unordered with the bytes' last plain write, or, when it writes,
/// with a plain read; recorded for the plain accesses after it.
void check_atomic_against_plain(address_tables& t, address_atomic& a, std::uintptr_t address, std::size_t size,
                                bool write, const char* kind, const location& where);
/// Both checks of an atomic access after its scheduling point: against a
/// free (check_not_freed) and against plain accesses of its bytes
/// (check_atomic_against_plain).
void check_atomic_access(address_tables& t, address_atomic& a, std::uintptr_t address, std::size_t size, bool write,
                         const char* kind, const location& where);
/// A plain access of bytes an atomic access touched in this execution
/// (var_state::atomic_too): a data_race finding when it is unordered with
/// the atomic's last write, or, when it writes, with its last read.
void check_plain_against_atomic(address_tables& t, std::uintptr_t address, std::size_t size, bool write,
                                const location& where);
/// Gives every kept block back to the allocator (a new execution starts).
void release_freed(address_tables& t) noexcept;

/// Races on [address, address + size) are not reported (AnnotateBenignRace).
void ignore_races(const volatile void* address, std::size_t size);
/// AnnotateIgnoreReads/WritesBegin nesting of the current logical thread
/// (thread_local: each logical thread has its own).
extern thread_local int ignored_reads;
extern thread_local int ignored_writes;

/// Plain accesses from instrumented code: race checks on every byte.
void plain_read(std::uintptr_t address, std::size_t size, const void* pc);
void plain_write(std::uintptr_t address, std::size_t size, const void* pc);
/// A pthread synchronisation object used by the program's call at `where`
/// (inside that hook's weft_section), as ThreadSanitizer's interceptors use
/// one: every operation reads its first byte, before anything it releases;
/// its destruction writes it. So an operation unordered with the object's
/// destruction or with the free of its memory (a notify after the waiter
/// woke, returned and freed the condition variable) is a data race, and one
/// ordered after the free a use after free.
void sync_object_access(address_tables& t, const volatile void* object, bool write, const location& where);
/// The bytes of one copy, fill or buffer the program hands to a call that
/// are race-checked (the state is per byte): the first 4 KiB.
constexpr std::size_t checked_bytes = 4096;

/// The atomic operations a hook makes for the program's call at `pc`
/// (absl::Notification's flag, the state of futures made ready at thread
/// exit, kj::Lazy's once, APR's atomics), as the instrumented entries make
/// them (`mo`: __ATOMIC_RELEASE...): each a scheduling point, checked at that
/// call. The compare-exchange is weak when `weak`; the add wraps. T is one of
/// std::uint8_t, std::int32_t, std::uint32_t and std::uint64_t.
template <class T>
T atomic_load_for(const volatile T* a, int mo, const void* pc);
template <class T>
void atomic_store_for(volatile T* a, T v, int mo, const void* pc);
template <class T>
T atomic_exchange_for(volatile T* a, T v, int mo, const void* pc);
template <class T>
T atomic_add_for(volatile T* a, T v, int mo, const void* pc);
template <class T>
bool atomic_compare_exchange_for(volatile T* a, T* expected, T desired, int mo, int fail_mo, bool weak,
                                 const void* pc);
/// Inside an execution, the program's atomic exchange that took a lock, or
/// its store that let one go, at `pc`: when that is Boost.Fiber's
/// spinlock_ttas inlined in the program, the thread's count of the
/// spinlocks it holds that the library also takes
/// (logical_thread::library_spinlocks) follows it (boost_fiber_sync.cpp).
/// Nothing unless libboost_fiber is loaded.
void note_fiber_spinlock_taken(const void* pc) noexcept;
/// Looks libboost_fiber up among the loaded libraries: once, before main.
void find_fiber_code() noexcept;
void note_fiber_spinlock_released(const void* pc) noexcept;
/// A fence (`mo`: __ATOMIC_SEQ_CST...) that a hook makes for the program's
/// call at `pc` (liburcu's read side), as the instrumented entry makes one.
void atomic_fence_from(int mo, const void* pc);
/// Finds libstdc++'s waiter pool in the program (the module holding
/// `program`), so that its std::atomic::wait calls are known
/// (logical_thread::library_waits). Once, before the executions fork.
void find_library_wait_pool(const void* program) noexcept;

}  // namespace weft::detail::instrument
