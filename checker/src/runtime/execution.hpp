// execution.hpp — one execution of a body under the controlled scheduler:
// logical threads on fibers, scheduling points, blocking and waking, logical
// time, the abort path that unwinds every thread after a finding, and the
// per-execution object bookkeeping the checked primitives rely on. What is
// found besides assertions, crashes and livelocks is the detectors' (one
// `detectors`, detect/detectors.hpp, whose hooks the runtime calls).
#pragma once

#include <array>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "../detect/detectors.hpp"
#include "../memory/atomic_memory.hpp"
#include "../sched/strategy.hpp"
#include "fiber.hpp"
#include "thread_set.hpp"
#include "thread_storage.hpp"
#include "turn_order.hpp"
#include "weft/check.hpp"
#include "weft/detail/runtime.hpp"

namespace weft::detail {

/// What reports call an object the user never named nor constructed in
/// sight (weft exec's plain memory, by address: "counter", "table+8"), or ""
/// for none; set by checker/src/instrument/.
using object_namer = std::string (*)(const object_header& h);
extern object_namer name_by_address;

/// Undoes cv_wait_begin without blocking: a futex wait whose word no longer
/// holds the expected value returns at once (checker/src/instrument/).
void cv_wait_cancel(cv_state& cv) noexcept;

/// var_read / var_write, with the trace event optional: an access of several
/// bytes of plain memory (checker/src/instrument/) is one event, its first
/// byte's, and each byte's race check points at it.
void var_read(var_state& v, const location& where, bool record);
void var_write(var_state& v, const location& where, bool record);

enum class thread_status : std::uint8_t { runnable, blocked, finished };
enum class wait_kind : std::uint8_t { none, mutex, mutex_shared, condition, semaphore, join, sleep };
const char* to_string(wait_kind k);

struct logical_thread {
  std::uint32_t id = 0;
  fiber_slot slot;
  fiber_stack stack;
  tls_block tls;                     // its own thread_locals (when per_thread_storage())
  bool started = false;
  thread_body body;
  // Its status is execution::status(id); blocked, what it waits for is
  // execution::waiting(id) and waiting_on(id).
  bool has_deadline = false;
  time_point deadline{};
  // Its last timed wait ended early: chosen before its deadline while
  // another thread could still run, logical time jumping to the deadline.
  // Its next one then ends early only when no thread is doing anything but
  // giving way (execution::compute_enabled_with).
  bool timed_out_early = false;
  bool notified = false;             // condition variable: woken by a notify
  bool relocking = false;            // back from a condition variable's wait: its next lock is the re-lock
  location blocked_at;
  std::uint64_t blocked_step = 0;
  bool joined = false;
  std::uint32_t joiners = 0;         // threads blocked in a join of this one (its end wakes them)
  bool detached = false;             // the execution does not wait for it
  location spawned_at;
  // This thread's last failed attempt (a try_lock or try_acquire that
  // failed, a wait that timed out or woke spuriously): its turn (0: none
  // yet) and the progress count then. See execution::failed_attempt().
  std::uint64_t failed_attempt_turn = 0;
  std::uint64_t failed_attempt_progress = 0;
  // Plain reads of a variable it had not read yet at its current epoch: a
  // loop that reads new memory between two looks at an unchanged atomic
  // (a scan bounded by an atomic size) is working, not spinning. See
  // execution::atomic_observed().
  std::uint32_t fresh_reads = 0;
  // pthread_cancel (weft exec): a cancellation is due; it is in a
  // cancellation point's wait, which the cancellation ends
  // (execution::interrupt, thread_interruptible).
  bool interrupted = false;
  bool interruptible = false;
  // Spinlocks it holds that a compiled library also takes in a spin loop of
  // its own (weft exec: Boost.Fiber's, boost_fiber_sync.cpp). While it holds
  // one it runs on at its scheduling points, and when it blocks (on a mutex
  // the library takes meanwhile) it is the next to run once runnable again
  // (execution::keep_spinlock_holder):
  // another thread switched to would spin on the lock inside the library,
  // where weft cannot switch back. The lock serialises what it guards, so
  // only futile spins are left out.
  std::uint16_t library_spinlocks = 0;  // in the padding after the two flags above
  // Inside the standard library's std::atomic::wait (weft exec: between its
  // entry's and its exit's count in libstdc++'s waiter pool): its looks at
  // the value and its yields before the futex wait are a bounded spin that
  // ends in the wait, and do not give way (execution::yielded,
  // execution::atomic_observed). Giving way at each let the other thread's
  // next step (a store whose notify is missing) always run first, so the
  // wait never slept before it and the lost wakeup was never seen.
  std::uint32_t library_waits = 0;
  std::size_t stack_wanted = 0;  // the stack size it was created with (0: the execution's)
  bool wait_interrupted() const { return interrupted && interruptible; }
};

/// What run() returns: valid until the next run of the same execution.
struct execution_outcome {
  std::optional<finding> found;
  std::span<const std::uint64_t> decisions;
  std::span<const thread_info> thread_infos;  // by thread id
  std::uint64_t steps = 0;
  std::uint32_t threads = 0;
  std::uint64_t preemptions = 0;
  std::vector<lock_edge> new_edges;  // edges not in the run's known set before
  std::vector<trace_event> trace;    // when tracing
  std::vector<finding> suppressed;   // races a suppression rule matched (the execution went on)
  /// A systematic search's execution that left the prefix it replayed: where
  /// first, and how (strategy::left_prefix, with the thread and its place).
  /// Empty otherwise.
  std::string divergence;
};

source_location to_location(const location& l);
/// "file:line" ("?" for an unknown file), as findings' messages say it.
std::string file_line(const location& l);

/// Fair scheduling keeps an index (fairness.cpp's offer_fairly) from this
/// many runnable threads on; with fewer, a pass over them is cheaper. The
/// two give the same enabled sets: tests set this out of reach to compare.
inline std::uint32_t fair_index_from = 3;

/// What one execution reads of weft::options; the rest (budget, strategy,
/// seed, jobs, shrinking, supervision) belongs to the explorer around it.
struct execution_settings {
  std::uint64_t max_steps;       // options::max_steps
  std::uint64_t futile_steps;    // options::futile_steps
  bool skip_independent_points;  // options::skip_independent_points
  bool spurious_wakeups;         // options::spurious_wakeups
  std::size_t stack_size;        // options::stack_size
  detector_set detect;           // options::detect
  suppressions suppress;         // options::suppress
  memory_model memory;           // options::memory_model
  unsigned store_history;        // options::store_history
};
execution_settings settings_of(const options& o);

class execution {
 public:
  explicit execution(execution_settings settings);
  ~execution();
  execution(const execution&) = delete;
  execution& operator=(const execution&) = delete;

  /// Runs `body` as logical thread 0 until every thread finished (or the
  /// execution was aborted and unwound). `edges`: which lock-order edges the
  /// outcome lists (the detectors remember those earlier runs reported).
  execution_outcome& run(const std::function<void()>& body, strategy& s, bool tracing, edge_recording edges);

  // --- used by the checked operations -------------------------------------
  logical_thread& self() { return *threads_[current_]; }
  logical_thread& thread(std::uint32_t id) { return *threads_[id]; }
  const logical_thread& thread(std::uint32_t id) const { return *threads_[id]; }
  /// Whether thread `id` (of this execution) can run, waits, or has ended.
  thread_status status(std::uint32_t id) const {
    if (runnable_set_.contains(id)) return thread_status::runnable;
    return blocked_set_.contains(id) ? thread_status::blocked : thread_status::finished;
  }
  /// What thread `id` waits for, and on what (the object header, or the
  /// logical_thread joined).
  wait_kind waiting(std::uint32_t id) const { return waits_[id].kind; }
  const void* waiting_on(std::uint32_t id) const { return waits_[id].on; }
  /// The decisions taken so far in this execution.
  std::span<const std::uint64_t> decisions() const { return decisions_.view(); }
  /// The detectors; the checked operations call their hooks.
  detectors& detect() { return detectors_; }
  /// The memory model of the atomics (memory/atomic_memory.hpp).
  atomic_memory& memory() { return memory_; }
  std::uint32_t thread_count() const { return count_; }
  std::uint32_t current_id() const { return current_; }
  /// Which execution this is (object_header::generation of the objects it adopted).
  std::uint64_t generation() const { return generation_; }
  bool aborting() const { return aborting_; }
  bool tracing() const { return tracing_; }
  std::uint64_t step() const { return steps_; }
  time_point now() const { return now_; }
  /// The program read the clock (weft exec's clock_gettime): time moves on
  /// a little, twice as far at each read with no scheduling point since the
  /// last (up to 1 s), as it does on real threads while a loop reads the
  /// clock; a loop that waits for a time that way gets there in a few dozen
  /// reads instead of never. The least step is 1 us for the first 256 reads
  /// of an execution and doubles every 256 reads after (up to 1 s), so that
  /// a loop that works for a while ("run for half a second"), with
  /// scheduling points in every round, ends in thousands of rounds rather
  /// than running into the step ceiling.
  void clock_read() {
    constexpr std::uint64_t reads_per_doubling = 256;
    const clock::duration least =
        std::chrono::microseconds(std::int64_t{1} << std::min<std::uint64_t>(clock_reads_++ / reads_per_doubling, 20));
    if (clock_read_at_ != steps_) {
      clock_read_at_ = steps_;
      clock_advance_ = least;
    } else {
      clock_advance_ = std::max(clock_advance_ * 2, least);
    }
    clock_advance_ = std::min<clock::duration>(clock_advance_, std::chrono::seconds(1));
    now_ += clock_advance_;
  }
  /// weft exec: the whole process waited `d` of real time for the outside
  /// (a descriptor: a timer, a peer); logical time moves on as much.
  void outside_time_passed(clock::duration d) {
    if (d > clock::duration::zero()) now_ += d;
  }
  const execution_settings& settings() const { return settings_; }
  /// Findings suppressed during this execution that did not end it.
  std::vector<finding>& suppressed() { return suppressed_; }

  /// Makes the object's state belong to this execution (first use of a
  /// global, or creation). Returns true when the caller must reset the state.
  /// Inline: every checked operation asks, and the object is almost always
  /// this execution's already.
  bool adopt(object_header& h, object_kind kind, bool created) {
    if (h.generation == generation_) return false;
    adopt_new(h, kind, created);
    return true;
  }
  bool owns(const object_header& h) const { return h.generation == generation_; }
  std::string name_of(const object_header& h) const;

  /// A scheduling point: lets the strategy switch to another enabled thread.
  /// `next` is the operation the thread performs after it (what strategies
  /// and the independence reduction see; the default conflicts with all).
  /// Throws execution_aborted when the execution is being unwound.
  void schedule(const char* op, const location& where, pending_op next = {});
  /// The same for operations that run in destructors (unlock, notify,
  /// release): never throws; the thread unwinds at its next blocking point.
  void schedule_nothrow(const char* op, const location& where, pending_op next = {}) noexcept;
  /// Blocks the current thread until woken (or its deadline passes). Returns
  /// true when it was woken, false when it timed out or woke spuriously.
  ///
  /// `blocks_again` (untimed waits only): the caller retries in a loop —
  /// `while (blocks_again(on)) block(kind, on, where, nullptr, blocks_again)`
  /// — and does nothing else in between. A woken thread that is chosen while
  /// blocks_again(on) holds (a waiter of a thundering herd that lost the race
  /// for the mutex) would only pass one more blocking point there: the
  /// runtime does that step for it, with the same effects and the same
  /// choice, without switching to it and back. An untimed wait for a lock
  /// or a permit (wait_kind mutex, mutex_shared, semaphore) always passes
  /// it: wake_all looks for the other waiters of those kinds among the
  /// timed ones only.
  bool block(wait_kind kind, const void* on, const location& where, const time_point* deadline,
             bool (*blocks_again)(const void* on) = nullptr);
  void wake(logical_thread& t);
  /// Marks `t` interrupted (thread_interrupt) and, when it is blocked in a
  /// cancellation point's wait (condition, sleep, join, semaphore), wakes it
  /// alone: out of its retry group, no longer a condition variable's waiter
  /// a notify could pick.
  void interrupt(logical_thread& t);
  /// The current thread just took `on` (a lock, a permit). Every woken waiter
  /// of `on` whose retry would now block again (see block()) blocks again in
  /// place, as pick_to_run would do when it is chosen: a herd woken by one
  /// release costs one scan here, not one choice and one new enabled set per
  /// member. Nothing observable changes: those waiters could only block again.
  void reblock_waiters(const void* on);
  /// Wakes every thread blocked with `kind` (or `also`) on `on`; returns how
  /// many. The waiters in a retry loop (see block()) wake as one group.
  std::size_t wake_all(wait_kind kind, const void* on, wait_kind also = wait_kind::none);
  /// Sets what `t` waits for (waiting(), waiting_on()).
  void set_waiting(logical_thread& t, wait_kind kind, const void* on) {
    waits_[t.id].on = on;
    waits_[t.id].kind = kind;
    if (kind == wait_kind::condition) {
      condition_waiters_.insert(t.id);
    } else {
      condition_waiters_.erase(t.id);
    }
  }
  /// Calls f(id) for every thread whose waiting() and waiting_on() are `kind`
  /// and `on`, in ascending id order (a scan of a dense array, no thread
  /// touched; for a condition variable, of the threads waiting on one).
  template <class F>
  void for_each_waiting(wait_kind kind, const void* on, F&& f) {
    const wait_key* w = waits_.data();
    if (kind == wait_kind::condition) {
      condition_waiters_.for_each([&](std::uint32_t i) {
        if (w[i].on == on) f(i);
      });
      return;
    }
    for (std::uint32_t i = 0; i < count_; ++i) {
      if (w[i].on == on && w[i].kind == kind) f(i);
    }
  }
  std::uint32_t spawn(thread_body&& body, const location& where, std::size_t stack_size = 0);
  std::uint64_t choose(std::uint64_t bound);
  /// The current thread did something futile — yielded, failed again to get
  /// a lock or a permit, re-read a value nobody changed: it gives way (it is not
  /// scheduled again before every other runnable thread has run), and a long
  /// run of futile steps with no progress anywhere is a livelock.
  void gave_way();
  void yielded() {
    if (self().library_waits == 0) gave_way();
  }
  /// The current thread gives way without a futile step (it waits for
  /// something weft does not see change: a poll, a descriptor).
  void give_way() { hold_back_since(turns_[current_].last_ran); }
  /// The current thread is about to wait on a futex word (std::atomic::wait,
  /// a semaphore): what made it give way since its last turn (re-reads of
  /// the word, libstdc++'s spin and sched_yield before the wait) was its look
  /// before the wait, not a spin that would starve others, and the give-way
  /// is withdrawn. The wait may then come before the other threads' next
  /// turns, as on real threads: a waiter can go to sleep before the store
  /// whose notify is missing.
  void about_to_wait();
  /// The current thread failed to get what it asked for: a try_lock or
  /// try_acquire failed, or it was chosen while still blocked (its timed wait
  /// timed out, or it woke spuriously). The first time it races on as real
  /// threads do; its next failed attempt gives way (see fairness.cpp).
  void failed_attempt();
  /// The current thread is about to lock `m` (exclusive or shared): taking
  /// again the mutex it released last, after a critical section with no
  /// progress anywhere and none since, is a poll under a lock; from the
  /// second in a row it gives way, but counts no futile step (a read-only
  /// loop under a lock may be long and correct).
  void lock_polled(mutex_state& m) {
    // Progress only grows: none since the last take is none in the section and none since.
    if (m.released_by == current_ && m.acquired_progress == progress_) {
      polled(m);
    } else {
      m.polls = 0;
    }
  }
  /// The current thread releases `m` for good (its last recursion level).
  void lock_released(mutex_state& m) { m.released_by = current_; }
  /// The current thread takes `m` (exclusive or shared).
  void lock_acquired(mutex_state& m) const { m.acquired_progress = progress_; }
  /// The current thread changed shared state: the execution made progress.
  void progressed() {
    futile_steps_ = 0;
    ++progress_;
  }
  /// Atomics: a write, or an observation (a spin when nothing changed since
  /// this thread's previous look).
  void atomic_written(atomic_state& a) {
    ++a.version;
    futile_before_write_ = futile_steps_;
    progressed();
  }
  void atomic_observed(atomic_state& a);
  /// An rmw that wrote the value it read: undoes atomic_written().
  void atomic_unwritten(atomic_state& a);

  /// Records a finding (does not leave: usable in destructors); the
  /// execution ends at the calling thread's next operation.
  void report(finding f);
  /// report(), then ends the execution at once.
  [[noreturn]] void fail(finding f);
  /// Ends the execution if a finding was reported.
  void check_abort();
  /// Returns to run(); no logical thread of this execution runs again.
  [[noreturn]] void abandon();
  /// Whether a fault at `address` hit the guard page of one of this
  /// execution's stacks; stack_overflow() reports it and abandons.
  bool overflowed(const void* address) const { return stacks_.in_guard(address); }
  [[noreturn]] void stack_overflow();
  /// The stack logical thread `id` runs on, or will once it starts (taken
  /// now if it has none yet): its lowest usable address and its size.
  std::pair<const void*, std::size_t> stack_of(std::uint32_t id) {
    logical_thread& t = thread(id);
    if (t.stack.base == nullptr) t.stack = stacks_.take(t.stack_wanted);
    return {static_cast<const char*>(t.stack.top()) - t.stack.usable, t.stack.usable};
  }
  /// Called by an instrumented program's hooks as weft takes over, with the
  /// address of the hook's frame: when less than weft's headroom (64 KiB, or
  /// a sixteenth of a bigger stack) is left below it, the program's
  /// recursion is reported as the overflow it is about to be
  /// (stack_overflow()), before weft's own code hits the guard page halfway
  /// through a malloc or a table update, which would leave them broken for
  /// the rest of the process.
  void check_headroom(const void* frame) {
    const fiber_slot& s = self().slot;
    const auto* f = static_cast<const char*>(frame);
    const auto* bottom = static_cast<const char*>(s.stack_bottom);
    const std::size_t headroom = std::min(std::max<std::size_t>(64 * 1024, s.stack_size / 16), s.stack_size / 2);
    if (bottom != nullptr && f >= bottom && f < bottom + headroom) stack_overflow();
  }

  void record(const char* op, const object_header* obj, const location& where);
  /// Index of the last recorded trace event (tracing only).
  std::uint64_t last_event() const { return traced_ == 0 ? 0 : traced_ - 1; }
  /// The trace so far (tracing only; its tail in a very long execution).
  const std::vector<trace_event>& recorded_trace() const { return trace_; }
  void record_value(std::string text);
  /// The last recorded event (an atomic load) read the store recorded at
  /// `event`, with `newer` stores after it in modification order.
  void note_read_from(std::int64_t event, std::uint32_t newer);

  /// The program ended (weft exec: main returned, or exit(0)): the execution
  /// ends clean here, whatever its other threads are doing, as a process's
  /// threads end with it. Never returns.
  [[noreturn]] void end_program() { end_with_detached_left(); }
  /// The current thread took, or let go of, a spinlock that a compiled
  /// library also takes (logical_thread::library_spinlocks).
  void hold_library_spinlock() {
    if (threads_[current_]->library_spinlocks++ == 0) ++library_spinlock_holders_;
  }
  void let_go_library_spinlock() {
    std::uint16_t& held = threads_[current_]->library_spinlocks;
    if (held != 0 && --held == 0) --library_spinlock_holders_;
  }

 private:
  static void thread_entry(ctx::transfer_t t);
  /// adopt() of an object this execution has not adopted yet.
  void adopt_new(object_header& h, object_kind kind, bool created);
  /// Room for one more thread in every table by thread id (cold: threads are pooled).
  [[gnu::noinline]] void add_thread_room();
  [[noreturn]] void finish_current();
  /// enabled_: the runnable threads, plus timed waiters that may time out,
  /// minus those fairness holds back. Inline for the common case (nothing
  /// blocked on time, nobody giving way): the runnable list as it is.
  void compute_enabled() {
    current_restrained_ = false;
    if (runnable_changed_) relist_runnable();
    const bool timed_candidates = blocked_ > 0 && (timed_ > 0 || settings_.spurious_wakeups);
    if (!timed_candidates && giving_way_ == 0 && library_spinlock_holders_ == 0) {
      enabled_ = runnable_list_;
      return;
    }
    compute_enabled_with(timed_candidates);
  }
  /// enabled_ narrowed to one runnable thread that holds a library's
  /// spinlock (logical_thread::library_spinlocks), the current one first,
  /// when one does.
  void keep_spinlock_holder();
  void relist_runnable();
  /// enabled_ when some thread waits on time, gives way or holds a library's
  /// spinlock: list_enabled_with, then keep_spinlock_holder.
  void compute_enabled_with(bool timed_candidates);
  void list_enabled_with(bool timed_candidates);
  /// Whether a runnable thread is not giving way (fairness.cpp): one that
  /// works, not one that polls or spins waiting for others.
  bool any_at_work() const;
  /// The thread to run next among enabled_ (which must not be empty);
  /// `current_enabled`: the current thread could go on.
  inline std::uint32_t pick_next(bool current_enabled);  // inline: execution.cpp alone calls it
  /// pick_next(), then, while the chosen thread is a woken waiter that would
  /// block again at once (see block()), its blocking step done in place and
  /// the next choice. Returns the thread to switch to (current_ unchanged).
  inline std::uint32_t pick_to_run(bool current_enabled);  // inline: execution.cpp alone calls it
  /// The bookkeeping of a blocking point of `t` (the current thread):
  /// status, counters, what it waits for, the step.
  void enter_block(logical_thread& t, wait_kind kind, const void* on, const location& where,
                   const time_point* deadline);
  /// After enter_block: the enabled set, or the end of the execution when
  /// no thread can run (stuck, or only detached threads left).
  void compute_enabled_after_block();
  /// Fair scheduling: removes from enabled_ the threads that gave way and
  /// still wait for a runnable thread to have its turn.
  void apply_fairness();
  /// The same when enabled_ is the runnable threads (no timed waiter is a
  /// candidate) and they are fair_index_from or more, from the fairness
  /// index: O(1) steps per scheduling point, O(log n) per thread held back,
  /// and a move of the list, not a pass over every thread.
  void offer_fairly();
  void rebuild_fair_index();
  /// Thread `id` no longer waits for others to have their turn.
  void stop_holding_back(std::uint32_t id);
  /// Thread `id` became runnable (`added`) or stopped being: the fairness
  /// index is out of date; the list strategies see follows in place when it
  /// is long, and is listed again from the set when it is short (cheaper).
  void runnable_list_change(std::uint32_t id, bool added) {
    fair_index_valid_ = false;
    if (runnable_changed_) return;  // listed again from the set anyway
    if (runnable_list_.size() < 8) {
      runnable_changed_ = true;
    } else {
      move_in_runnable_list(id, added);
    }
  }
  [[gnu::noinline]] void move_in_runnable_list(std::uint32_t id, bool added);
  /// The runnable set changed as a whole: the list strategies see and the
  /// fairness index are out of date.
  void runnable_set_changed() {
    runnable_changed_ = true;
    fair_index_valid_ = false;
  }
  /// The current thread is held back until every thread ready to run whose
  /// last turn is older than `turn` has had one (no futile step counted).
  void hold_back_since(std::uint64_t turn);
  /// lock_polled()'s poll: counted, and from the second in a row, given way.
  void polled(mutex_state& m);
  /// `nobody_at_work`: !any_at_work(), -1 until asked (then 0 or 1, kept
  /// for the caller's next threads).
  bool ready_to_run(const logical_thread& t, int& nobody_at_work) const;
  inline void switch_to(std::uint32_t next);  // inline: execution.cpp alone calls it
  [[noreturn]] void leave_to(std::uint32_t next);
  void prepare_start(logical_thread& t);
  [[noreturn]] void stuck();
  /// A strategy that is not a uniform draw picks among enabled_ (out of
  /// line: the random walk's inlined path stays as small as it was).
  [[gnu::noinline]] std::uint32_t ask_strategy(std::uint32_t current);
  /// The strategy just said the execution left its replayed prefix
  /// (strategy::left_prefix): the first time, kept with where the current
  /// thread is.
  [[gnu::noinline]] void note_divergence();
  /// Every unfinished thread is detached: the execution is over (they are
  /// left where they are, as a process exit leaves detached threads).
  bool only_detached_left() const;
  [[noreturn]] void end_with_detached_left();
  finding livelock_finding(const location& where, bool ceiling) const;
  [[noreturn]] void livelock(const location& where) { fail(livelock_finding(where, true)); }
  bool step_and_pick(const char* op, const location& where, bool may_throw);
  /// Counts a scheduling point of the current thread about to perform `next`.
  inline void note_step(pending_op next);  // inline: execution.cpp alone calls it
  /// Whether the current thread's pending operation conflicts with no other
  /// enabled thread's (the point need not be a choice; see options).
  bool independent_point();
  std::span<const thread_info> infos() const { return {thread_info_.data(), count_}; }

  const execution_settings settings_;
  stack_pool stacks_;
  fiber_slot root_;
  const bool own_tls_ = per_thread_storage();
  std::vector<std::unique_ptr<logical_thread>> threads_;  // pooled across executions
  std::vector<thread_info> thread_info_;                 // by id: what strategies see
  std::uint32_t independent_in_a_row_ = 0;               // points skipped for the current thread
  std::uint32_t count_ = 0;
  std::uint32_t current_ = 0;
  // The runnable and blocked threads, kept on every change of status
  // (set_status), and the runnable ones as the ascending list strategies
  // see, listed again from the set only after the set changed.
  thread_set runnable_set_;
  thread_set blocked_set_;
  std::vector<std::uint32_t> runnable_storage_;  // size >= count_
  std::span<std::uint32_t> runnable_list_;       // views runnable_storage_
  bool runnable_changed_ = true;
  /// What each thread waits for, by id, dense: wake_all and notify scan it,
  /// the deadlock detector reads it.
  struct wait_key {
    const void* on = nullptr;
    wait_kind kind = wait_kind::none;
    // Set while the thread is inside block() (see execution::block):
    // whether its retry, woken, would block again at once.
    bool (*blocks_again)(const void* on) = nullptr;
    std::uint32_t group = 0;  // with blocks_again: its waiter_group in groups_
  };
  std::vector<wait_key> waits_;
  thread_set condition_waiters_;  // the threads whose wait_key's kind is condition
  /// The threads inside block() with the same object, kind and
  /// blocks_again: a release wakes them, and an acquisition after which their
  /// retry would block again puts the woken ones back, as one operation on
  /// the sets per 64 threads (a mutex's herd of 255 waiters costs 4 words,
  /// not 255 status changes and back). The groups in use (with members)
  /// are groups_[0, groups_used_); the vector is pooled across executions.
  struct waiter_group {
    const void* on = nullptr;
    wait_kind kind = wait_kind::none;
    bool (*blocks_again)(const void* on) = nullptr;
    thread_set members;
    std::uint32_t size = 0;     // members
    std::uint32_t blocked = 0;  // members with status blocked (the others are woken, not yet run)
  };
  std::vector<waiter_group> groups_;
  std::uint32_t groups_used_ = 0;
  /// block() with blocks_again: joins its group / leaves it on return.
  void join_group(std::uint32_t id, wait_kind kind, const void* on, bool (*blocks_again)(const void*));
  void leave_group(std::uint32_t id);
  /// Moves the blocked members of `g` to the runnable set (`wake`: a herd
  /// woken), or the runnable ones back; returns how many moved.
  std::uint32_t move_group(waiter_group& g, bool wake);
  /// Fair scheduling (see fairness.cpp), by thread id, dense (the fairness
  /// filter reads every enabled thread's): the step the thread was last
  /// scheduled at, and the step it had been scheduled at when it last gave
  /// way (0: it has not, or every thread it waited for has run since).
  struct fairness_state {
    std::uint64_t last_ran = 0;
    std::uint64_t gave_way_at = 0;
  };
  std::vector<fairness_state> turns_;
  /// The fairness filter's index, kept while threads give way and the
  /// runnable set stays the same (rebuilt when it changed): the runnable
  /// threads by last_ran, and those of them held back by gave_way_at.
  recency_list by_last_ran_;
  turn_heap by_gave_way_;
  std::vector<std::uint32_t> fair_scratch_;
  std::vector<std::uint32_t> offered_;  // the runnable threads not held, ascending
  bool fair_index_valid_ = false;
  // Inline: a few calls in every execution, and its own call would cost
  // about as much as its common path.
  [[gnu::always_inline]] void set_status(logical_thread& t, thread_status s) {
    const thread_status was = status(t.id);
    if (was == s) return;
    // A waiter that retries in a loop (block()'s blocks_again), woken or
    // blocked again in place.
    if (waits_[t.id].blocks_again != nullptr) {
      waiter_group& g = groups_[waits_[t.id].group];
      if (was == thread_status::blocked && s == thread_status::runnable) --g.blocked;
      if (was == thread_status::runnable && s == thread_status::blocked) ++g.blocked;
    }
    // The sets and their counts change together, here only.
    if (was == thread_status::blocked) {
      blocked_set_.erase(t.id);
      --blocked_;
    } else if (was == thread_status::runnable) {
      runnable_set_.erase(t.id);
      --runnable_;
      runnable_list_change(t.id, false);
    }
    if (s == thread_status::blocked) {
      blocked_set_.insert(t.id);
      ++blocked_;
    } else if (s == thread_status::runnable) {
      runnable_set_.insert(t.id);
      ++runnable_;
      runnable_list_change(t.id, true);
    }
  }
  std::vector<std::uint32_t> enabled_storage_;  // capacity >= count_
  std::span<const std::uint32_t> enabled_;
  std::uint32_t blocked_ = 0;                   // threads with status blocked (kept by set_status)
  std::uint32_t runnable_ = 0;                  // threads with status runnable (kept by set_status)
  std::uint32_t timed_ = 0;                     // threads inside a timed block()
  std::uint32_t library_spinlock_holders_ = 0;  // threads with library_spinlocks set
  strategy* strategy_ = nullptr;
  std::uint64_t generation_ = 0;
  std::uint64_t generations_left_ = 0;  // of the block generation_ came from (see run())
  std::uint64_t steps_ = 0;
  std::uint64_t preemptions_ = 0;
  std::uint64_t futile_steps_ = 0;         // futile steps since the last progress
  std::uint64_t futile_before_write_ = 0;  // futile_steps_ before the last atomic write
  bool livelock_suspected_ = false;        // futile steps reached the bound once (fairness.cpp)
  std::uint64_t progress_ = 0;             // progress events so far (a thread's start is one)
  std::uint32_t giving_way_ = 0;           // threads with gave_way_at set
  bool current_restrained_ = false;        // apply_fairness() removed the current thread
  std::uint64_t traced_ = 0;               // trace events recorded (the trace keeps a tail)
  time_point now_{};
  std::uint64_t clock_read_at_ = ~std::uint64_t{0};  // steps_ at the last clock_read()
  clock::duration clock_advance_{};                  // how far it moved time
  std::uint64_t clock_reads_ = 0;                    // clock_read()s in this execution
  std::array<std::uint32_t, 8> ordinals_{};
  /// The decisions, appended at every choice: a buffer kept across
  /// executions whose append is a compare and a store (std::vector's
  /// push_back was a call per choice). When the execution object goes, its
  /// buffer stays on the OS thread for the next one (the next weft::check):
  /// a long execution's log is fresh memory otherwise, faulted in a page at
  /// a time (on this VM ~11 us a page: half the cost of a scheduling point
  /// in an execution of 200,000 points).
  class decision_log {
   public:
    decision_log() { take_spare(); }
    ~decision_log() { give_spare(); }
    decision_log(const decision_log&) = delete;
    decision_log& operator=(const decision_log&) = delete;
    [[gnu::always_inline]] void push(std::uint64_t v) {
      if (size_ == capacity_) [[unlikely]]
        grow();
      data_[size_++] = v;
    }
    void clear() { size_ = 0; }
    std::size_t size() const { return size_; }
    std::span<const std::uint64_t> view() const { return {data_.get(), size_}; }

   private:
    [[gnu::noinline]] void grow();
    void take_spare();
    void give_spare();
    std::unique_ptr<std::uint64_t[]> data_;
    std::size_t size_ = 0;
    std::size_t capacity_ = 0;
  };
  decision_log decisions_;
  std::optional<finding> finding_;
  bool aborting_ = false;
  bool tracing_ = false;
  std::vector<trace_event> trace_;
  detectors detectors_;
  atomic_memory memory_;
  std::vector<finding> suppressed_;
  execution_outcome outcome_;  // run()'s
  struct recent_step {
    std::uint32_t thread;
    const char* op;
    location where;
  };
  std::array<recent_step, 16> recent_{};
  bool finishing_ = false;  // the current thread is ending (its last step is done)
  // The first divergence of this execution (note_divergence): how, and the
  // current thread's step there, named when the execution is over.
  std::string divergence_;
  struct divergence_place {
    recent_step step;
    bool ending;  // the thread was ending, after that step
  };
  std::optional<divergence_place> diverged_at_;
};

/// The execution the calling logical thread belongs to (the checked
/// operations run only inside one).
inline execution& exec() { return *current(); }

}  // namespace weft::detail
