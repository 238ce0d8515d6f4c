#include "execution.hpp"
#include "program_code.hpp"

#include <signal.h>

#include <algorithm>
#include <memory>
#include <mutex>
#include <exception>
#include <sstream>
#include <utility>


namespace weft::detail {

thread_local execution* current_execution_ptr = nullptr;
thread_local bool detail_tracing = false;
bool in_program = false;  // program_code.hpp

namespace {
/// The waits of a cancellation point a cancellation ends (not the re-lock
/// of a condition variable's mutex: that one completes first).
bool ends_on_cancel(wait_kind k) {
  return k == wait_kind::condition || k == wait_kind::sleep || k == wait_kind::join || k == wait_kind::semaphore;
}

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define WEFT_LSAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define WEFT_LSAN 1
#endif
#ifdef WEFT_LSAN
extern "C" void __lsan_disable();
extern "C" void __lsan_enable();
// An aborted execution is abandoned, not unwound: what its threads owned is
// never freed. Allocations inside executions are not leak-checked.
void leak_check_pause() { __lsan_disable(); }
void leak_check_resume() { __lsan_enable(); }
#else
void leak_check_pause() {}
void leak_check_resume() {}
#endif

#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define WEFT_SANITIZED 1
#endif
#endif
#if defined(WEFT_LSAN) || defined(__SANITIZE_THREAD__)
#define WEFT_SANITIZED 1
#endif

// A stack overflow in code under test hits the guard page below its fiber's
// stack. The SIGSEGV handler (on an alternate stack) turns it into a `crash`
// finding and abandons the execution; any other fault goes to the previous
// handler. The sanitizers keep their own handlers.
#ifndef WEFT_SANITIZED
struct sigaction previous_segv;

void on_segv(int, siginfo_t* info, void*) {
  execution* e = current_execution_ptr;
  if (e != nullptr && e->overflowed(info->si_addr)) e->stack_overflow();  // does not return
  // Not ours: returning re-faults into the previous handler, or into the
  // default action (never into this one again, which would loop).
  if (previous_segv.sa_sigaction == on_segv) ::signal(SIGSEGV, SIG_DFL);
  else ::sigaction(SIGSEGV, &previous_segv, nullptr);
}
#endif

void install_overflow_handler() {
#ifndef WEFT_SANITIZED
  thread_local std::unique_ptr<char[]> alternate_stack;
  if (!alternate_stack) {
    constexpr std::size_t size = 64 * 1024;
    alternate_stack = std::make_unique_for_overwrite<char[]>(size);  // not zeroed: 16 pages untouched
    stack_t ss{};
    ss.ss_sp = alternate_stack.get();
    ss.ss_size = size;
    ::sigaltstack(&ss, nullptr);
  }
  static std::once_flag installed;
  std::call_once(installed, [] {
    struct sigaction sa {};
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    ::sigaction(SIGSEGV, &sa, &previous_segv);
  });
#endif
}

// Generations are unique in the process: an execution object takes them
// from here a block at a time (one atomic add per block, not per execution).
std::atomic<std::uint64_t> generation_source{1};
constexpr std::uint64_t generations_per_block = 4096;
const time_point logical_epoch = time_point{} + std::chrono::hours(24);
}  // namespace

const char* to_string(wait_kind k) {
  switch (k) {
    case wait_kind::none: return "nothing";
    case wait_kind::mutex: return "mutex";
    case wait_kind::mutex_shared: return "shared mutex";
    case wait_kind::condition: return "condition variable";
    case wait_kind::semaphore: return "semaphore";
    case wait_kind::join: return "join";
    case wait_kind::sleep: return "sleep";
  }
  return "?";
}

source_location to_location(const location& l) {
  return {l.file_name() ? l.file_name() : "", l.line(), l.function_name() ? l.function_name() : ""};
}

std::string file_line(const location& l) {
  return std::string(l.file_name() ? l.file_name() : "?") + ":" + std::to_string(l.line());
}

execution_settings settings_of(const options& o) {
  return {o.max_steps, o.futile_steps, o.skip_independent_points, o.spurious_wakeups, o.stack_size,
          o.detect,    o.suppress,     o.memory_model,              o.store_history};
}

execution::execution(execution_settings settings)
    : settings_(std::move(settings)),
      stacks_(settings_.stack_size),
      detectors_(settings_.detect),
      memory_(settings_.memory == memory_model::c11, settings_.store_history) {
  fiber_slot_init(root_, true);
  install_overflow_handler();
}

execution::~execution() {
  for (auto& t : threads_) {
    fiber_slot_destroy(t->slot);
    if (t->stack.base != nullptr) stacks_.give_back(t->stack);
    if (t->tls.pointer != nullptr) give_back_tls_block(t->tls);
  }
}

execution_outcome& execution::run(const std::function<void()>& body, strategy& s, bool tracing, edge_recording edges) {
  strategy_ = &s;
  tracing_ = tracing;
  detectors_.begin_execution(edges);
  memory_.begin_execution();
  if (generations_left_ == 0) {
    generation_ = generation_source.fetch_add(generations_per_block, std::memory_order_relaxed);
    generations_left_ = generations_per_block - 1;
  } else {
    ++generation_;
    --generations_left_;
  }
  steps_ = 0;
  preemptions_ = 0;
  futile_steps_ = 0;
  futile_before_write_ = 0;
  livelock_suspected_ = false;
  progress_ = 0;
  giving_way_ = 0;
  library_spinlock_holders_ = 0;
  current_restrained_ = false;
  traced_ = 0;
  now_ = logical_epoch;
  clock_read_at_ = ~std::uint64_t{0};
  clock_reads_ = 0;
  ordinals_.fill(0);
  decisions_.clear();
  finding_.reset();
  aborting_ = false;
  trace_.clear();
  suppressed_.clear();
  divergence_.clear();
  diverged_at_.reset();
  finishing_ = false;
  count_ = 0;
  independent_in_a_row_ = 0;
  blocked_ = 0;
  runnable_ = 0;
  timed_ = 0;
  // Groups are empty when not in use, but an abandoned execution leaves its own as they were.
  for (std::uint32_t g = 0; g < groups_used_; ++g) groups_[g].members.reset(0);
  groups_used_ = 0;
  runnable_set_changed();
  runnable_set_.reset(static_cast<std::uint32_t>(threads_.size()));
  blocked_set_.reset(static_cast<std::uint32_t>(threads_.size()));
  condition_waiters_.reset(static_cast<std::uint32_t>(threads_.size()));
  detail_tracing = tracing;

  current_execution_ptr = this;
  if (own_tls_) root_.thread_pointer = current_thread_pointer();
  leak_check_pause();
  spawn([&body] { body(); }, location::current());
  current_ = 0;
  logical_thread& first = *threads_[0];
  turns_[0].last_ran = 1;
  prepare_start(first);
  switch_fiber(root_, first.slot);
  current_execution_ptr = nullptr;
  leak_check_resume();
  detail_tracing = false;

  // The outcome is kept across executions: its vectors keep their room, and
  // trace_ and suppressed_ get it back (they are cleared as the next run begins).
  execution_outcome& out = outcome_;
  out.found = std::move(finding_);
  out.decisions = decisions_.view();
  out.thread_infos = infos();
  out.steps = steps_;
  out.threads = count_;
  out.preemptions = preemptions_;
  out.new_edges = detectors_.take_new_edges();
  out.trace.swap(trace_);
  out.suppressed.swap(suppressed_);
  strategy_->end_execution(decisions_.size(), infos());
  if (!strategy_->left_prefix.empty()) note_divergence();
  out.divergence.clear();
  if (!divergence_.empty()) {
    // Named here, on this stack: symbolising a place needs more room than a
    // logical thread's stack may have.
    if (diverged_at_) {
      const recent_step& r = diverged_at_->step;
      const char* when = diverged_at_->ending ? ", ending after its " : ", at its ";
      out.divergence = "thread " + std::to_string(r.thread) + when + (r.op != nullptr ? r.op : "step");
      if (r.where.known()) out.divergence += " (" + file_line(r.where) + ")";
      out.divergence += ": ";
    }
    out.divergence += divergence_;
  }
  return out;
}

void execution::adopt_new(object_header& h, object_kind kind, bool created) {
  h.generation = generation_;
  h.kind = kind;
  h.ordinal = ++ordinals_[static_cast<std::size_t>(kind)];
  // Objects created inside the execution are named by creation order, which
  // the same schedule prefix reproduces; globals by their address. Once
  // other threads run, the creation order is the schedule's: such an
  // object's key names it in this execution only.
  h.key = created ? ((std::uint64_t{1} << 63) | (std::uint64_t(kind) << 48) | h.ordinal)
                  : reinterpret_cast<std::uintptr_t>(&h);
  if (created && count_ > 1) h.key |= key_of_one_execution;
}

void execution::add_thread_room() {
  // Every table by thread id grows with threads_, here only.
  threads_.push_back(std::make_unique<logical_thread>());
  const std::size_t n = threads_.size();
  thread_info_.resize(n);
  waits_.resize(n);
  turns_.resize(n);
  if (enabled_storage_.size() < n) {
    enabled_storage_.resize(std::max<std::size_t>(n, 2 * enabled_storage_.size()));
    runnable_storage_.resize(enabled_storage_.size());
    runnable_set_changed();  // the list moved: listed again from the set
  }
  const auto ids = static_cast<std::uint32_t>(n);
  runnable_set_.reserve(ids);
  blocked_set_.reserve(ids);
  condition_waiters_.reserve(ids);
}

std::uint32_t execution::spawn(thread_body&& body, const location& where, std::size_t stack_size) {
  const std::uint32_t id = count_++;
  if (threads_.size() < count_) add_thread_room();
  thread_info_[id] = thread_info{};  // not started: its first operation is unknown
  logical_thread& t = *threads_[id];
  t.id = id;
  t.stack_wanted = stack_size;
  if (t.stack.base != nullptr && t.stack.usable != stacks_.usable_for(stack_size)) {  // the slot's stack is another size
    stacks_.give_back(t.stack);
    t.stack = {};
  }
  t.started = false;
  t.body = std::move(body);
  waits_[id].blocks_again = nullptr;  // an abandoned execution may have left it set
  // In no set yet (the sets were emptied when the execution began): it was finished.
  set_status(t, thread_status::runnable);
  set_waiting(t, wait_kind::none, nullptr);
  t.has_deadline = false;
  t.timed_out_early = false;
  t.notified = false;
  t.relocking = false;
  t.joined = false;
  t.joiners = 0;
  t.detached = false;
  t.spawned_at = where;
  turns_[id] = {};  // never ran: a thread that gives way waits for it
  t.failed_attempt_turn = 0;
  t.failed_attempt_progress = 0;
  t.fresh_reads = 0;
  t.interrupted = t.interruptible = false;
  t.library_waits = 0;
  t.library_spinlocks = 0;
  progressed();
  detectors_.on_spawn(id == 0 ? no_thread : current_, id);
  strategy_->on_spawn(id);
  return id;
}

void execution::prepare_start(logical_thread& t) {
  const auto [bottom, size] = stack_of(t.id);
  // A fresh sanitizer fiber per start: a logical thread never returns from
  // its entry function (it leaves, or is abandoned), so a reused one would
  // keep the old frames on ThreadSanitizer's shadow stack.
  fiber_slot_destroy(t.slot);
  fiber_slot_init(t.slot, false);
  t.slot.context = make_fiber(t.stack, &execution::thread_entry);
  t.slot.stack_bottom = bottom;
  t.slot.stack_size = size;
  if (own_tls_) {
    // Fresh thread_locals, plus weft's own per-OS-thread state that the
    // checked operations read on the fiber.
    if (t.tls.pointer == nullptr) t.tls = take_tls_block();
    reset_tls_block(t.tls, root_.thread_pointer);
    set_in_tls_block(t.tls, current_execution_ptr, this);
    set_in_tls_block(t.tls, detail_tracing, tracing_);
    t.slot.thread_pointer = t.tls.pointer;
  }
  t.started = true;
}

void execution::thread_entry(ctx::transfer_t transfer) {
  fiber_started(transfer);
  execution& e = *current_execution_ptr;
  logical_thread& me = e.self();
  if (e.own_tls_) start_thread_storage();
  if (!e.aborting_) {
    try {
      me.body();
      if (e.own_tls_) run_thread_local_destructors();  // as a real thread does on exit
    } catch (const std::exception& ex) {
      finding f;
      f.kind = finding_kind::uncaught_exception;
      f.message = "thread " + std::to_string(me.id) + " ended with an uncaught exception: " + ex.what();
      f.locations.push_back(to_location(me.spawned_at));
      e.report(std::move(f));
    } catch (...) {
      finding f;
      f.kind = finding_kind::uncaught_exception;
      f.message = "thread " + std::to_string(me.id) + " ended with an uncaught exception of unknown type";
      f.locations.push_back(to_location(me.spawned_at));
      e.report(std::move(f));
    }
  }
  e.finish_current();
}

void execution::finish_current() {
  logical_thread& me = self();
  detectors_.on_finish(*this, me.id, aborting_);
  me.body.reset();
  set_status(me, thread_status::finished);
  if (turns_[me.id].gave_way_at != 0) stop_holding_back(me.id);
  progressed();
  thread_info_[me.id].next = {nullptr, access::none};
  if (tracing_) record("finish", nullptr, location());
  if (me.joiners > 0) wake_all(wait_kind::join, &me);
  // Next: any unfinished thread; while aborting, blocked ones too (they unwind).
  if (aborting_) abandon();
  std::uint32_t next = no_thread;
  compute_enabled();
  if (!enabled_.empty()) {
    finishing_ = true;
    next = pick_to_run(false);
    finishing_ = false;
  } else if (only_detached_left()) {
    end_with_detached_left();
  } else {
    for (std::uint32_t i = 0; i < count_; ++i) {
      if (status(i) != thread_status::finished) {
        report(detectors_.on_stuck(*this));
        abandon();
      }
    }
  }
  if (next == no_thread) leave_fiber(root_);
  leave_to(next);
}

void execution::move_in_runnable_list(std::uint32_t id, bool added) {
  // One thread in or out of the ascending list, in place: a move of the
  // ids above it, not a walk over every runnable thread.
  std::uint32_t* const first = runnable_list_.data();
  std::uint32_t* const last = first + runnable_list_.size();
  std::uint32_t* const at = std::lower_bound(first, last, id);
  if (added) {
    std::copy_backward(at, last, last + 1);
    *at = id;
    runnable_list_ = {first, runnable_list_.size() + 1};
  } else {
    std::copy(at + 1, last, at);
    runnable_list_ = {first, runnable_list_.size() - 1};
  }
}

void execution::relist_runnable() {
  // Ascending ids, from the set: a word per 64 threads and a step per member.
  std::uint32_t* const first = runnable_storage_.data();  // room for every thread: no check per thread
  std::uint32_t* out = first;
  runnable_set_.for_each([&out](std::uint32_t id) { *out++ = id; });
  runnable_list_ = {first, static_cast<std::size_t>(out - first)};
  runnable_changed_ = false;
}

void execution::compute_enabled_with(bool timed_candidates) {
  list_enabled_with(timed_candidates);
  if (library_spinlock_holders_ != 0) keep_spinlock_holder();
}

void execution::list_enabled_with(bool timed_candidates) {
  // The runnable threads first, then threads whose timed wait may expire: a
  // strategy's default choice (DFS takes the first) is to let time pass only
  // when nothing else can run, so polling loops with sleeps terminate.
  if (!timed_candidates && runnable_ >= fair_index_from) {  // many threads, some giving way
    offer_fairly();
    return;
  }
  // Fairness compacts the list in place: a copy.
  std::uint32_t* out = enabled_storage_.data();
  auto n = static_cast<std::uint32_t>(runnable_list_.size());
  std::copy(runnable_list_.begin(), runnable_list_.end(), out);
  if (timed_candidates) {
    // Timed waiters in deadline order (the order real time would wake
    // them), then spurious wakeup candidates.
    const std::uint32_t first_timed = n;
    // A thread whose last timed wait ended early (block()) waits out its
    // next one while another thread is at work: a retry loop with a backoff
    // ("busy? sleep 100 ms, try again", SQLite's busy handler) would
    // otherwise burn through its whole timeout within the few steps of the
    // critical section it waits for, where real threads finish that section
    // in microseconds. Every other timed wait may still end at any point.
    int someone_at_work = -1;  // asked only for such a thread: -1 not yet, else 0 or 1
    blocked_set_.for_each([&](std::uint32_t i) {
      const logical_thread& t = *threads_[i];
      if (!t.has_deadline) return;
      if (t.timed_out_early && t.deadline > now_ && first_timed > 0) {
        if (someone_at_work < 0) someone_at_work = any_at_work() ? 1 : 0;
        if (someone_at_work == 1) return;
      }
      std::uint32_t at = n++;
      while (at > first_timed && threads_[out[at - 1]]->deadline > t.deadline) {
        out[at] = out[at - 1];
        --at;
      }
      out[at] = i;
    });
    if (settings_.spurious_wakeups && first_timed > 0) {
      blocked_set_.for_each([&](std::uint32_t i) {
        const logical_thread& t = *threads_[i];
        if (!t.has_deadline && waits_[i].kind == wait_kind::condition) out[n++] = i;
      });
    }
  }
  enabled_ = {out, n};
  if (giving_way_ > 0) apply_fairness();
}

bool execution::any_at_work() const {
  bool working = false;  // from the set: the list may not be listed again yet
  runnable_set_.for_each([&](std::uint32_t id) { working = working || turns_[id].gave_way_at == 0; });
  return working;
}

[[gnu::always_inline]] inline std::uint32_t execution::pick_next(bool current_enabled) {
  // A thread that blocks, or that gave way, is not "the current thread that
  // could go on": switching away from it is no preemption.
  if (current_restrained_) current_enabled = false;
  std::uint32_t next = enabled_[0];
  if (enabled_.size() > 1) {
    next = strategy_->uniform != nullptr ? uniform_pick(*strategy_->uniform, enabled_)
                                         : ask_strategy(current_enabled ? current_ : no_thread);
    decisions_.push(next);
    if (current_enabled && next != current_) ++preemptions_;
  }
  turns_[next].last_ran = steps_ + 1;
  if (fair_index_valid_) {  // the fairness index follows, while it lasts
    if (runnable_set_.contains(next)) {
      by_last_ran_.move_to_back(next);
    } else {
      fair_index_valid_ = false;
    }
  }
  return next;
}

[[gnu::always_inline]] inline void execution::note_step(pending_op next) {
  thread_info& me = thread_info_[current_];
  me.next = next;
  ++me.steps;
}

bool execution::independent_point() {
  // A thread spinning on a load no other pending operation touches would
  // never give way: after a run of skipped points it gets a real choice.
  constexpr std::uint32_t max_in_a_row = 64;
  if (!settings_.skip_independent_points || ++independent_in_a_row_ > max_in_a_row) {
    independent_in_a_row_ = 0;
    return false;
  }
  const pending_op mine = thread_info_[current_].next;
  for (std::uint32_t t : enabled_) {
    if (t != current_ && conflicts(mine, thread_info_[t].next)) {
      independent_in_a_row_ = 0;
      return false;
    }
  }
  return true;
}

void execution::schedule(const char* op, const location& where, pending_op then) {
  check_abort();
  if (++steps_ > settings_.max_steps) livelock(where);
  recent_[steps_ % recent_.size()] = {current_, op, where};
  note_step(then);
  if (runnable_ == 1 && blocked_ == 0) return;  // only the current thread can run: the fast path
  compute_enabled();
  if (enabled_.size() > 1 && settings_.skip_independent_points && independent_point()) return;
  const std::uint32_t next = pick_to_run(true);
  if (next != current_) {
    switch_to(next);
    check_abort();  // a finding while others ran (no thread runs on past its own)
  }
}

void execution::schedule_nothrow(const char* op, const location& where, pending_op then) noexcept {
  if (aborting_) abandon();
  if (++steps_ > settings_.max_steps) {
    report(livelock_finding(where, true));
    abandon();
  }
  recent_[steps_ % recent_.size()] = {current_, op, where};
  note_step(then);
  if (runnable_ == 1 && blocked_ == 0) return;
  compute_enabled();
  if (enabled_.size() > 1 && settings_.skip_independent_points && independent_point()) return;
  const std::uint32_t next = pick_to_run(true);
  if (next != current_) switch_to(next);
}

void execution::enter_block(logical_thread& me, wait_kind kind, const void* on, const location& where,
                            const time_point* deadline) {
  set_status(me, thread_status::blocked);
  set_waiting(me, kind, on);
  me.blocked_at = where;
  me.blocked_step = tracing_ ? last_event() : steps_;
  me.has_deadline = deadline != nullptr;
  if (deadline != nullptr) {
    me.deadline = *deadline;
    ++timed_;
  }
  me.notified = false;
  if (++steps_ > settings_.max_steps) livelock(where);
  recent_[steps_ % recent_.size()] = {current_, to_string(kind), where};
  // Woken, it retries the operation on `on` (a sleeper's next step is unknown).
  note_step(on != nullptr ? pending_op{on, access::sync} : pending_op{});
}

void execution::keep_spinlock_holder() {
  // The current thread first: it runs on while it holds one. Among the
  // runnable threads, not only the enabled: one that gave way (a poll's
  // yield) still must not be left holding it.
  std::uint32_t holder = no_thread;
  for (const std::uint32_t i : runnable_list_) {
    if (threads_[i]->library_spinlocks == 0) continue;
    if (i == current_) {
      holder = i;
      break;
    }
    if (holder == no_thread) holder = i;
  }
  if (holder == no_thread) return;
  enabled_storage_[0] = holder;  // room for every thread
  enabled_ = {enabled_storage_.data(), 1};
}

void execution::compute_enabled_after_block() {
  compute_enabled();
  if (enabled_.empty()) {
    if (only_detached_left()) end_with_detached_left();
    stuck();
  }
}

[[gnu::always_inline]] inline std::uint32_t execution::pick_to_run(bool current_enabled) {
  const std::uint32_t me = current_;
  std::uint32_t next = pick_next(current_enabled);
  while (next != me && !aborting_) {
    // Woken (runnable, still inside block()) and its retry would block again.
    const wait_key& w = waits_[next];
    if (w.blocks_again == nullptr || !runnable_set_.contains(next) || !w.blocks_again(w.on)) break;
    logical_thread& t = *threads_[next];
    // What it would do: return from block() (untimed: nothing to undo but
    // what enter_block sets again), find the object still taken, block again.
    current_ = next;
    enter_block(t, w.kind, w.on, location(t.blocked_at), nullptr);
    compute_enabled_after_block();
    next = pick_next(false);
  }
  current_ = me;
  return next;
}

bool execution::block(wait_kind kind, const void* on, const location& where, const time_point* deadline,
                      bool (*blocks_again)(const void*)) {
  logical_thread& me = self();
  if (me.wait_interrupted() && ends_on_cancel(kind)) {  // cancelled before it blocked: it does not
    set_waiting(me, wait_kind::none, nullptr);
    check_abort();
    return true;
  }
  enter_block(me, kind, on, where, deadline);
  if (deadline == nullptr && blocks_again != nullptr) {
    waits_[me.id].blocks_again = blocks_again;
    join_group(me.id, kind, on, blocks_again);
  }
  compute_enabled_after_block();
  const std::uint32_t next = pick_to_run(false);
  if (next != current_) switch_to(next);
  if (waits_[me.id].blocks_again != nullptr) {
    leave_group(me.id);
    waits_[me.id].blocks_again = nullptr;
  }
  bool woken = true;
  if (status(me.id) == thread_status::blocked) {  // chosen while still blocked: timeout or spurious
    if (me.has_deadline) {
      me.timed_out_early = me.deadline > now_ && any_at_work();  // the thread that chose it could go on
      now_ = std::max(now_, me.deadline);
    }
    woken = false;
    failed_attempt();
  } else if (me.has_deadline) {
    me.timed_out_early = false;  // woken in time
  }
  set_status(me, thread_status::runnable);
  set_waiting(me, wait_kind::none, nullptr);
  if (me.has_deadline) --timed_;
  me.has_deadline = false;
  check_abort();
  return woken;
}

void execution::wake(logical_thread& t) { set_status(t, thread_status::runnable); }

void execution::interrupt(logical_thread& t) {
  t.interrupted = true;
  if (!t.interruptible || status(t.id) != thread_status::blocked || !ends_on_cancel(waiting(t.id))) return;
  if (waits_[t.id].blocks_again != nullptr) {  // woken alone: a re-block of its group must not take it back
    leave_group(t.id);
    waits_[t.id].blocks_again = nullptr;
  }
  set_waiting(t, wait_kind::none, nullptr);
  set_status(t, thread_status::runnable);
}

void execution::reblock_waiters(const void* on) {
  if (aborting_) return;
  // Back to what its first enter_block() set: blocked, on the same object,
  // since the same step. Not a step of its own: no thread ran. (The current
  // thread is in no group: it has left block() to take `on`.) Nobody
  // waiting, there is no group to look at.
  for (std::uint32_t g = 0; g < groups_used_; ++g) {
    waiter_group& w = groups_[g];
    if (w.on == on && w.blocked < w.size && w.blocks_again(on)) move_group(w, false);
  }
}

std::size_t execution::wake_all(wait_kind kind, const void* on, wait_kind also) {
  if (blocked_ == 0) return 0;
  std::size_t n = 0;
  std::uint32_t grouped = 0;  // blocked threads in a group (after the wake)
  for (std::uint32_t g = 0; g < groups_used_; ++g) {
    waiter_group& w = groups_[g];
    if (w.on == on && (w.kind == kind || w.kind == also)) n += move_group(w, true);
    grouped += w.blocked;
  }
  // The other waiters: those outside a retry loop. An untimed wait for a
  // lock or a permit is always in one (ops_mutex.cpp, ops_wait.cpp), so for
  // those kinds only timed waits are left to look for.
  const auto retried = [](wait_kind k) {
    return k == wait_kind::none || k == wait_kind::mutex || k == wait_kind::mutex_shared || k == wait_kind::semaphore;
  };
  const bool only_timed = retried(kind) && retried(also);
  if (blocked_ > grouped && (timed_ > 0 || !only_timed)) {
    blocked_set_.for_each([&](std::uint32_t i) {
      const wait_key& w = waits_[i];
      if (w.blocks_again == nullptr && w.on == on && (w.kind == kind || w.kind == also)) {
        set_status(*threads_[i], thread_status::runnable);
        ++n;
      }
    });
  }
  return n;
}

void execution::join_group(std::uint32_t id, wait_kind kind, const void* on, bool (*blocks_again)(const void*)) {
  std::uint32_t g = 0;
  while (g < groups_used_ &&
         (groups_[g].on != on || groups_[g].kind != kind || groups_[g].blocks_again != blocks_again)) {
    ++g;
  }
  if (g == groups_used_) {  // the first waiter of its kind on `on`: a new group
    if (groups_used_++ == groups_.size()) groups_.emplace_back();
    waiter_group& w = groups_[g];
    w.on = on;
    w.kind = kind;
    w.blocks_again = blocks_again;
    w.size = 0;  // and no members: groups_[groups_used_, ...) are all empty
    w.blocked = 0;
  }
  waiter_group& w = groups_[g];
  w.members.reserve(count_);
  w.members.insert(id);
  ++w.size;
  ++w.blocked;  // it joins from enter_block()
  waits_[id].group = g;
}

void execution::leave_group(std::uint32_t id) {
  const std::uint32_t g = waits_[id].group;
  waiter_group& w = groups_[g];
  w.members.erase(id);
  if (status(id) == thread_status::blocked) --w.blocked;
  if (--w.size > 0) return;
  // Empty: the last group takes its place, so that the groups in use stay
  // the first groups_used_ (what wake_all and reblock_waiters scan).
  const std::uint32_t last = --groups_used_;
  if (g == last) return;
  std::swap(groups_[g], groups_[last]);
  groups_[g].members.for_each([&](std::uint32_t m) { waits_[m].group = g; });
}

std::uint32_t execution::move_group(waiter_group& g, bool wake) {
  const std::uint32_t n = wake ? g.blocked : g.size - g.blocked;
  if (n == 0) return 0;
  if (wake) {
    thread_set::move_common(g.members, blocked_set_, runnable_set_);
    g.blocked = 0;
    blocked_ -= n;
    runnable_ += n;
  } else {
    thread_set::move_common(g.members, runnable_set_, blocked_set_);
    g.blocked = g.size;
    runnable_ -= n;
    blocked_ += n;
  }
  runnable_set_changed();
  return n;
}

namespace {
/// The decision buffer an execution object left on this OS thread, for the
/// next one (execution::decision_log); kept up to 64 MiB.
struct spare_decisions {
  static constexpr std::size_t max_entries = (std::size_t{64} << 20) / sizeof(std::uint64_t);
  std::unique_ptr<std::uint64_t[]> data;
  std::size_t capacity = 0;
};
thread_local spare_decisions spare_decision_buffer;
}  // namespace

void execution::decision_log::grow() {
  const std::size_t bigger = std::max<std::size_t>(1024, capacity_ * 2);
  auto data = std::make_unique_for_overwrite<std::uint64_t[]>(bigger);  // no zeroing: every entry is written before it is read
  std::copy(data_.get(), data_.get() + size_, data.get());
  data_ = std::move(data);
  capacity_ = bigger;
}

void execution::decision_log::take_spare() {
  spare_decisions& spare = spare_decision_buffer;
  data_ = std::move(spare.data);
  capacity_ = std::exchange(spare.capacity, 0);
}

void execution::decision_log::give_spare() {
  spare_decisions& spare = spare_decision_buffer;
  if (capacity_ > spare.capacity && capacity_ <= spare_decisions::max_entries) {
    spare.data = std::move(data_);
    spare.capacity = capacity_;
  }
}

std::uint64_t execution::choose(std::uint64_t bound) {
  if (bound < 2) return 0;
  const std::uint64_t v = strategy_->uniform != nullptr ? strategy_->uniform->below(bound) : strategy_->pick_value(bound);
  if (!strategy_->left_prefix.empty()) [[unlikely]] note_divergence();
  decisions_.push(v);
  return v;
}

[[gnu::always_inline]] inline void execution::switch_to(std::uint32_t next) {
  logical_thread& from = self();
  logical_thread& to = *threads_[next];
  current_ = next;
  if (!to.started) prepare_start(to);
  switch_fiber(from.slot, to.slot);
}

void execution::leave_to(std::uint32_t next) {
  logical_thread& to = *threads_[next];
  current_ = next;
  if (!to.started) prepare_start(to);
  leave_fiber(to.slot);
}

void execution::report(finding f) {
  if (!finding_ && !aborting_) {
    f.source = finding_source::checked;
    finding_ = std::move(f);
  }
  aborting_ = true;
}

void execution::fail(finding f) {
  report(std::move(f));
  abandon();
}

void execution::stack_overflow() {
  in_program = false;  // weft runs from here on: its copies are not the program's
  finding f;
  f.kind = finding_kind::crash;
  // A thread created with a stack size of its own (weft exec: its
  // pthread attributes') has that size, as on a real thread: --stack-size
  // does not change it.
  const std::string kib = std::to_string(self().stack.usable / 1024);
  f.message = "stack overflow in thread " + std::to_string(current_) + ": " +
              (self().stack_wanted != 0
                   ? "the " + kib + " KiB stack it was created with is exhausted (deep recursion?); a real thread "
                                    "with that stack size overflows too"
                   : "its " + kib + " KiB stack is exhausted (deep recursion?); raise weft::options::stack_size "
                                    "(--stack-size)");
  f.locations.push_back(to_location(self().spawned_at));
  report(std::move(f));
  abandon();
}

void execution::abandon() {
  // The execution ends here: control goes back to run() and no logical
  // thread is resumed again, so no user code runs after a finding (resuming
  // threads to unwind them would run destructors that may block or throw).
  // Their stacks are reused by the next execution; what they owned is not
  // destroyed.
  aborting_ = true;
  leave_fiber(root_);
}

void execution::check_abort() {
  if (aborting_) abandon();
}

std::uint32_t execution::ask_strategy(std::uint32_t current) {
  const std::uint32_t next = strategy_->pick_thread(enabled_, current, infos());
  if (!strategy_->left_prefix.empty()) [[unlikely]] note_divergence();
  return next;
}

void execution::note_divergence() {
  std::string how = std::exchange(strategy_->left_prefix, {});
  if (!divergence_.empty()) return;
  divergence_ = std::move(how);
  if (current_execution_ptr != this) return;  // after the execution: no thread is anywhere
  // The current thread's step at this point (schedule() and block() wrote
  // it before asking; a thread that ends asks after its last step).
  diverged_at_ = divergence_place{recent_[steps_ % recent_.size()], finishing_};
  diverged_at_->step.thread = current_;
}

void execution::stuck() { fail(detectors_.on_stuck(*this)); }

bool execution::only_detached_left() const {
  for (std::uint32_t i = 0; i < count_; ++i) {
    const logical_thread& t = *threads_[i];
    if (status(i) != thread_status::finished && !t.detached) return false;
  }
  return true;
}

void execution::end_with_detached_left() {
  // Detached threads blocked for good are not a finding: nothing waits for
  // them. Like abandon(), but the execution ends clean.
  leave_fiber(root_);
}

finding execution::livelock_finding(const location& where, bool ceiling) const {
  finding f;
  f.kind = finding_kind::livelock;
  f.message = ceiling ? "no end: the step ceiling of " + std::to_string(settings_.max_steps) +
                            " scheduling points per execution was reached (a loop that never ends; "
                            "weft::options::max_steps raises the ceiling)"
                      : "livelock: " + std::to_string(futile_steps_) +
                            " futile steps (yields, failed try_locks, timeouts, re-reads of unchanged "
                            "atomics) in a row with no progress by any thread";
  f.locations.push_back(to_location(where));
  f.details.push_back("the last steps before the bound:");
  for (std::size_t i = 1; i <= recent_.size(); ++i) {
    const recent_step& r = recent_[(steps_ + i) % recent_.size()];
    if (r.op == nullptr) continue;
    f.details.push_back("thread " + std::to_string(r.thread) + " " + r.op + " at " + file_line(r.where));
  }
  return f;
}

void execution::record(const char* op, const object_header* obj, const location& where) {
  // A very long execution (a livelock at the step ceiling, a recursion that
  // overflows its stack) keeps the tail of its trace, 10,000 to 20,000
  // events: that is where it repeats, or where it failed. A longer trace
  // made reports of tens of megabytes that took seconds to pass between
  // processes (a replay of a stack overflow: 11 s, with 145,000 events).
  constexpr std::size_t kept_tail = 10'000;
  if (trace_.size() >= 2 * kept_tail) trace_.erase(trace_.begin(), trace_.begin() + kept_tail);
  trace_event ev;
  ev.thread = current_;
  ev.step = traced_++;
  ev.operation = op;
  if (obj != nullptr) ev.object = name_of(*obj);
  if (where.line() != 0) ev.location = to_location(where);
  trace_.push_back(std::move(ev));
}

void execution::record_value(std::string text) {
  if (!trace_.empty()) trace_.back().value = std::move(text);
}

void execution::note_read_from(std::int64_t event, std::uint32_t newer) {
  if (trace_.empty()) return;
  trace_.back().read_from = event;
  trace_.back().newer_stores = newer;
}

}  // namespace weft::detail
