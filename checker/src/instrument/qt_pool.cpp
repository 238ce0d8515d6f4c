// Qt 6's thread pool inside an execution of weft exec: QThreadPool and
// QRunnable, the QFutures of QtConcurrent::run, and the thread engine behind
// QtConcurrent's map, filter and reduce (blockingMap, mapped,
// blockingMappedReduced...), which runs on the pool and reports to a QFuture.
//
// libQt6Core hands a runnable to a pool thread, and tells a waiter that the
// pool or a future is done, under its own QMutex, inside the library (its
// inline lock is not the annotated one of the program's headers, and
// libQt6Core binds its calls to itself): weft saw none of it, and a correct
// blockingMap, or a result read after QThreadPool::waitForDone, was reported
// as a data race. So the entry points the program (or libQt6Concurrent)
// calls are defined here by their mangled names, and add what Qt documents:
//  - everything before QThreadPool::start / tryStart /
//    startOnReservedThread happens before the runnable's run() begins: the
//    pool is given a runnable of weft's (pool_runnable, QRunnable's layout)
//    that acquires the submitter's release and runs the program's; the
//    start and the run's beginning are scheduling points (libQt6Core has
//    none: a pool thread would run every queued runnable in a row);
//  - every run() that finished happens before QThreadPool::waitForDone
//    returns true, and before the pool's destructor (which waits) returns;
//  - QFutureInterfaceBase::reportFinished happens before waitForFinished,
//    waitForResult and waitForNextResult return (QFuture::waitForFinished,
//    result(), results(), takeResult(), QFutureSynchronizer);
//  - the references to a future's shared state are counted inside
//    libQt6Core (derefT, and the deref in QFutureInterfaceBase's
//    destructor) with sequentially consistent read-modify-writes: each drop
//    of a reference happens after the ones before it, so what a QFuture's
//    owner did with the results happens before the clear and the delete of
//    the last owner, which may be a pool thread (a QtConcurrent engine's
//    asynchronousFinish deletes its QFutureInterface after the program's
//    takeResult cleared the results: without the edge, a false data race);
//  - QtConcurrent's engine is one runnable started on several pool threads
//    (libQt6Concurrent's ThreadEngineBase, started with tryStart), whose
//    last thread to leave reports the future finished; the others leave
//    through an atomic count inside libQt6Concurrent. Each run of a
//    runnable that did not report a finish itself releases on the runnable
//    when it returns, and a reportFinished inside a run acquires that: the
//    engine's other threads happen before its finish. (Between the count
//    and that release there is no scheduling point, so a thread that left
//    the engine has released before the last one reports.)
// A runnable the program gave is still the one QThreadPool::tryTake takes,
// a QFuture's (setRunnable) the one a waiter runs itself when the pool has
// not started it, and the program's runnable is deleted when Qt would.
// Nothing orders two runnables with each other: two runs that write the
// same variable without a lock still race.
// Not followed: a QFuture polled with isFinished() or watched with
// QFutureWatcher's signals (an event loop), QFuture::then's continuations
// on another pool than the task's, a QThreadPool deleted through a pointer
// (its virtual destructor is bound inside libQt6Core: delete waits, but
// the wait is not seen).
// Outside an execution the real functions run untouched.
#include <dlfcn.h>
#include <link.h>

#include <cstdint>
#include <functional>
#include <map>

#include "../runtime/execution.hpp"
#include "address_objects.hpp"
#include "interpose.hpp"
#include "qt_real.hpp"

// Qt's types, declared for their mangled names only; no layout is read
// except QRunnable's (its virtual run() and destructor, then autoDelete's
// bool), which pool_runnable has too. The definitions are weak: a program
// with Qt linked in statically keeps Qt's.
class QMutex;
class QRunnable {
  bool m_autoDelete;

 public:
  virtual void run() = 0;
  virtual ~QRunnable();
  bool autoDelete() const { return m_autoDelete; }
};
class QThreadPool {
 public:
  [[gnu::weak]] ~QThreadPool();
  [[gnu::weak]] void start(QRunnable* runnable, int priority);
  [[gnu::weak]] bool tryStart(QRunnable* runnable);
  [[gnu::weak]] void startOnReservedThread(QRunnable* runnable);
  [[gnu::weak]] void start(std::function<void()> function, int priority);
  [[gnu::weak]] bool tryStart(std::function<void()> function);
  [[gnu::weak]] void startOnReservedThread(std::function<void()> function);
  [[gnu::weak]] bool tryTake(QRunnable* runnable);
  [[gnu::weak]] bool waitForDone(int msecs);
};
class QFutureInterfaceBase {
 public:
  [[gnu::weak]] void setRunnable(QRunnable* runnable);
  [[gnu::weak]] void reportStarted();
  [[gnu::weak]] void reportFinished();
  [[gnu::weak]] void waitForFinished();
  [[gnu::weak]] void waitForResult(int index);
  [[gnu::weak]] bool waitForNextResult();
  [[gnu::weak]] bool derefT() const noexcept;
  [[gnu::weak]] ~QFutureInterfaceBase();
};

namespace weft::detail::instrument {
namespace {

class pool_runnable;

/// This thread's calls of the pool's functions in progress (from the program
/// or libQt6Concurrent); whether it is a pool thread back in the pool's loop
/// (it ended a runnable's run that no waiter ran); the waits on a future in
/// progress (a waiter runs a runnable the pool has not started itself).
/// Each logical thread has its own, as weft's other thread_local state.
thread_local int pool_calls = 0;
thread_local bool between_runs = false;
thread_local int future_waits = 0;
struct pool_call {
  pool_call() noexcept { ++pool_calls; }
  ~pool_call() { --pool_calls; }
  pool_call(const pool_call&) = delete;
  pool_call& operator=(const pool_call&) = delete;
};
struct future_wait {
  future_wait() noexcept { ++future_waits; }
  ~future_wait() { --future_waits; }
  future_wait(const future_wait&) = delete;
  future_wait& operator=(const future_wait&) = delete;
};

/// What this file keeps for the current execution (weft's memory: touched
/// inside a weft_section only).
struct pool_state {
  std::uint64_t generation = 0;
  std::map<const void*, vclock> clocks;                        // the hand-overs' releases, by key
  std::multimap<const QRunnable*, pool_runnable*> queued;      // weft's runnables not run yet, by the program's
  std::map<const QRunnable*, QFutureInterfaceBase*> promises;  // setRunnable's, until the runnable starts
  std::map<std::uint32_t, pool_runnable*> running;             // by logical thread, the innermost run
};
pool_state& pools() {
  static pool_state s;
  return this_execution(s);
}

/// Releases on (acquires from) the clock of `key`; an acquire with `last`
/// forgets the clock (its object's hand-overs are over).
void release_on(const void* key) {
  if (tables() == nullptr) return;
  const weft_section weft;
  release_to_clock(pools().clocks[key]);
}
void acquire_from(const void* key, bool last = false) {
  if (tables() == nullptr) return;
  const weft_section weft;
  auto& clocks = pools().clocks;
  const auto it = clocks.find(key);
  if (it == clocks.end()) return;
  acquire_clock(it->second);
  if (last) clocks.erase(it);
}
void forget_clock(const void* key) {
  if (tables() == nullptr) return;
  const weft_section weft;
  pools().clocks.erase(key);
}

/// libQt6Concurrent's code of `symbol` (mangled), [lo, hi); empty when the
/// library is not loaded.
struct code_span {
  std::uintptr_t lo = 0, hi = 0;
  bool has(const void* pc) const {
    const auto at = reinterpret_cast<std::uintptr_t>(pc);
    return at >= lo && at < hi;
  }
};
code_span concurrent_function(const char* symbol) {
  const weft_section weft;
  code_span span;
  void* at = ::dlsym(RTLD_NEXT, symbol);
  Dl_info info{};
  void* entry = nullptr;
  if (at != nullptr && ::dladdr1(at, &info, &entry, RTLD_DL_SYMENT) != 0 && entry != nullptr) {
    span.lo = reinterpret_cast<std::uintptr_t>(at);
    span.hi = span.lo + static_cast<const ElfW(Sym)*>(entry)->st_size;
  }
  return span;
}

/// Whether `r` is QtConcurrent's thread engine: its run() is
/// ThreadEngineBase::run (which no engine overrides).
bool is_engine(QRunnable* r) {
  const weft_code weft;  // its static is weft's: not a once-step of the program
  static const code_span engine_run = concurrent_function("_ZN12QtConcurrent16ThreadEngineBase3runEv");
  const void* run = (*reinterpret_cast<void* const* const*>(r))[0];
  return engine_run.lo != 0 && reinterpret_cast<std::uintptr_t>(run) == engine_run.lo;
}

/// Runs the program's runnable. In its own section, so that a function its
/// run() reaches by tail calls (an engine's ThreadEngineBase::run jumps to
/// threadExit, which jumps to the program's asynchronousFinish) is seen
/// entered from here (engine_finishing). Never a tail call itself.
extern "C" char __start_weft_qt_pool_run[], __stop_weft_qt_pool_run[];
[[gnu::noinline, gnu::section("weft_qt_pool_run")]] void run_target(QRunnable* target) {
  target->run();
  asm volatile("" ::: "memory");
}

/// Whether the program's function entered from `pc`, on a thread running an
/// engine, is the engine's asynchronousFinish: called by ThreadEngineBase::
/// threadExit once the barrier said this thread is the last, directly or
/// through tail calls from the engine's run().
bool engine_finishing(const void* pc) {
  const weft_code weft;  // its static is weft's: not a once-step of the program
  static const code_span thread_exit = concurrent_function("_ZN12QtConcurrent16ThreadEngineBase10threadExitEv");
  const auto at = reinterpret_cast<std::uintptr_t>(pc);
  return thread_exit.has(pc) || (at >= reinterpret_cast<std::uintptr_t>(__start_weft_qt_pool_run) &&
                                 at < reinterpret_cast<std::uintptr_t>(__stop_weft_qt_pool_run));
}

/// What the pool runs instead of the program's runnable (or function): the
/// hand-overs around the program's run(). QRunnable's layout: the virtual
/// run() and destructor, then autoDelete's bool, true (the pool deletes
/// it after its run).
class pool_runnable {
 public:
  pool_runnable(QThreadPool* pool, QRunnable* target, std::function<void()> function)
      : pool_(pool), target_(target), function_(std::move(function)) {}
  virtual void run();
  virtual ~pool_runnable();
  // weft's own object, though the pool deletes it after its run (autoDelete):
  // its allocation and its free are not the program's.
  static void* operator new(std::size_t size) {
    const weft_code weft;
    return ::operator new(size);
  }
  static void operator delete(void* p) noexcept {
    const weft_code weft;
    ::operator delete(p);
  }

  /// Whether a reportFinished came from inside this run.
  void reported_finish() { reported_finish_ = true; }
  QRunnable* target() const { return target_; }
  /// Taken back from the pool before it ran (tryTake, a refused tryStart):
  /// the program's runnable is the program's again.
  void taken_back();

 private:
  void leave_queue();

  bool auto_delete_ = true;  // QRunnable::m_autoDelete
  QThreadPool* pool_;
  QRunnable* target_;  // null: function_
  std::function<void()> function_;
  bool queued_ = true;
  bool reported_finish_ = false;
  pool_runnable* outer_ = nullptr;  // the run this one is inside, on the same thread (a waiter's)
};

void pool_runnable::leave_queue() {
  if (!queued_ || tables() == nullptr) return;
  queued_ = false;
  const weft_section weft;
  auto& queued = pools().queued;
  for (auto [it, end] = queued.equal_range(target_); it != end; ++it) {
    if (it->second == this) {
      queued.erase(it);
      return;
    }
  }
}

void pool_runnable::run() {
  between_runs = false;
  leave_queue();
  library_point("QThreadPool runnable", __builtin_return_address(0));
  acquire_from(this, true);                                                // everything before its start
  const bool delete_target = target_ != nullptr && target_->autoDelete();  // read before run(), as Qt does
  const std::uint32_t thread = current_thread_id();
  {
    const weft_section weft;
    pool_runnable*& innermost = pools().running[thread];
    outer_ = innermost;
    innermost = this;
  }
  const bool outer_engine = engine_runs;
  engine_runs = target_ != nullptr && is_engine(target_);
  if (target_ != nullptr) {
    run_target(target_);
  } else {
    function_();
  }
  engine_runs = outer_engine;
  {
    const weft_section weft;
    pools().running[thread] = outer_;
  }
  // The program's runnable may be gone already (a QtConcurrent engine's last
  // thread deletes it): only its address is used.
  if (target_ != nullptr && !reported_finish_) release_on(target_);
  if (delete_target) delete target_;
  release_on(pool_);                           // for waitForDone
  if (future_waits == 0) between_runs = true;  // a pool thread's, back in the pool's loop
}

void pool_runnable::taken_back() {
  leave_queue();
  forget_clock(this);
  target_ = nullptr;
}

pool_runnable::~pool_runnable() {
  if (!queued_) return;
  // Never run nor taken back: QThreadPool::clear(), which deletes the
  // program's runnable as it would have.
  leave_queue();
  forget_clock(this);
  if (target_ != nullptr && target_->autoDelete()) delete target_;
}

/// The real QRunnable* overloads, which the std::function ones below call too.
void real_start(QThreadPool* pool, QRunnable* runnable, int priority) {
  WEFT_REAL_QT(void (*)(QThreadPool*, QRunnable*, int), "_ZN11QThreadPool5startEP9QRunnablei");
  const pool_call in_pool;
  call(pool, runnable, priority);
}
bool real_try_start(QThreadPool* pool, QRunnable* runnable) {
  WEFT_REAL_QT(bool (*)(QThreadPool*, QRunnable*), "_ZN11QThreadPool8tryStartEP9QRunnable");
  const pool_call in_pool;
  return call(pool, runnable);
}
void real_start_on_reserved_thread(QThreadPool* pool, QRunnable* runnable) {
  WEFT_REAL_QT(void (*)(QThreadPool*, QRunnable*), "_ZN11QThreadPool21startOnReservedThreadEP9QRunnable");
  const pool_call in_pool;
  call(pool, runnable);
}

/// `target` (or `function`) handed over to `pool` from the program: the
/// runnable of weft's that the pool is given instead, or `target` itself
/// outside an execution. Not deleted by the caller unless the pool refuses it.
QRunnable* handed_over(QThreadPool* pool, QRunnable* target, std::function<void()> function, const void* pc) {
  if (tables() == nullptr) return target;
  library_point("QThreadPool::start", pc);
  auto* ours = new pool_runnable(pool, target, std::move(function));
  release_on(ours);
  const weft_section weft;
  pool_state& s = pools();
  s.queued.emplace(target, ours);
  if (const auto promise = s.promises.find(target); promise != s.promises.end()) {
    // A waiter on the future runs the runnable itself if the pool has not
    // started it: the one in the pool's queue, ours.
    WEFT_REAL_QT(void (*)(QFutureInterfaceBase*, QRunnable*),
                      "_ZN20QFutureInterfaceBase11setRunnableEP9QRunnable");
    call(promise->second, reinterpret_cast<QRunnable*>(ours));
    s.promises.erase(promise);
  }
  return reinterpret_cast<QRunnable*>(ours);
}

/// A runnable handed over that the pool did not take (tryStart's false):
/// weft's is deleted, the program's stays the program's.
void refused(QRunnable* given, QRunnable* target) {
  if (given == target) return;
  auto* ours = reinterpret_cast<pool_runnable*>(given);
  ours->taken_back();
  delete ours;
}

/// The run of a pool runnable on this thread, if any.
pool_runnable* running_here() {
  if (tables() == nullptr) return nullptr;
  const weft_section weft;
  const auto& runs = pools().running;
  const auto it = runs.find(current_thread_id());
  return it == runs.end() ? nullptr : it->second;
}

/// The clock of a future's shared state (every QFuture and QFutureInterface
/// of one computation has the same): its QMutex's address.
const void* future_key(const QFutureInterfaceBase* f) {
  WEFT_REAL_QT(void* (*)(const QFutureInterfaceBase*), "_ZNK20QFutureInterfaceBase5mutexEv");
  return call(f);
}

/// A reference to the future's shared state `f` is dropped, by an atomic
/// read-modify-write of libQt6Core's (counted_drop, on a key inside the
/// shared state: the byte after its mutex). A moved-from future has no
/// shared state (its mutex() is a small offset from null).
void reference_dropped(const QFutureInterfaceBase* f) {
  if (tables() == nullptr) return;
  const auto* count = static_cast<const char*>(future_key(f));
  if (reinterpret_cast<std::uintptr_t>(count) < 4096) return;
  counted_drop(count + 1);
}

/// The thread is the last of an engine's (see engine_finishing): every other
/// thread of the engine released on it when it left, before this one did.
void engine_finishes() {
  pool_runnable* run = running_here();
  if (run == nullptr || run->target() == nullptr) return;
  run->reported_finish();
  acquire_from(run->target(), true);
}

}  // namespace

thread_local bool engine_runs = false;

void qt_program_entered(const void* pc) noexcept {
  if (engine_finishing(pc)) engine_finishes();
}

bool in_qt_pool_code(const void* pc) noexcept { return (pool_calls > 0 || between_runs) && in_qt_core(pc); }

}  // namespace weft::detail::instrument

using namespace weft::detail;
using namespace weft::detail::instrument;

#ifndef WEFT_PC
#endif

QThreadPool::~QThreadPool() {
  WEFT_REAL_QT(void (*)(QThreadPool*), "_ZN11QThreadPoolD1Ev");
  {
    const pool_call in_pool;
    call(this);  // waits for every runnable
  }
  acquire_from(this, true);
}

void QThreadPool::start(QRunnable* runnable, int priority) {
  const serving_program_call serving(WEFT_PC);  // the pool's thread starts name this call
  if (runnable == nullptr) return real_start(this, runnable, priority);
  real_start(this, handed_over(this, runnable, {}, WEFT_PC), priority);
}

bool QThreadPool::tryStart(QRunnable* runnable) {
  const serving_program_call serving(WEFT_PC);  // the pool's thread starts name this call
  if (runnable == nullptr) return real_try_start(this, runnable);
  QRunnable* given = handed_over(this, runnable, {}, WEFT_PC);
  if (real_try_start(this, given)) return true;
  refused(given, runnable);
  return false;
}

void QThreadPool::startOnReservedThread(QRunnable* runnable) {
  const serving_program_call serving(WEFT_PC);  // the pool's thread starts name this call
  // A null one releases the reserved thread.
  if (runnable == nullptr) return real_start_on_reserved_thread(this, runnable);
  real_start_on_reserved_thread(this, handed_over(this, runnable, {}, WEFT_PC));
}

// The std::function overloads make a QRunnable inside libQt6Core, which
// starts it without coming back here: weft's runnable runs the function, and
// the QRunnable* overloads start it.
void QThreadPool::start(std::function<void()> function, int priority) {
  const serving_program_call serving(WEFT_PC);  // the pool's thread starts name this call
  WEFT_REAL_QT(void (*)(QThreadPool*, std::function<void()>, int), "_ZN11QThreadPool5startESt8functionIFvvEEi");
  if (tables() == nullptr || !function) return call(this, std::move(function), priority);
  real_start(this, handed_over(this, nullptr, std::move(function), WEFT_PC), priority);
}

bool QThreadPool::tryStart(std::function<void()> function) {
  const serving_program_call serving(WEFT_PC);  // the pool's thread starts name this call
  WEFT_REAL_QT(bool (*)(QThreadPool*, std::function<void()>), "_ZN11QThreadPool8tryStartESt8functionIFvvEE");
  if (tables() == nullptr || !function) return call(this, std::move(function));
  QRunnable* given = handed_over(this, nullptr, std::move(function), WEFT_PC);
  if (real_try_start(this, given)) return true;
  refused(given, nullptr);
  return false;
}

void QThreadPool::startOnReservedThread(std::function<void()> function) {
  const serving_program_call serving(WEFT_PC);  // the pool's thread starts name this call
  WEFT_REAL_QT(void (*)(QThreadPool*, std::function<void()>),
                    "_ZN11QThreadPool21startOnReservedThreadESt8functionIFvvEE");
  if (tables() == nullptr || !function) return call(this, std::move(function));
  real_start_on_reserved_thread(this, handed_over(this, nullptr, std::move(function), WEFT_PC));
}

bool QThreadPool::tryTake(QRunnable* runnable) {
  WEFT_REAL_QT(bool (*)(QThreadPool*, QRunnable*), "_ZN11QThreadPool7tryTakeEP9QRunnable");
  if (tables() == nullptr || runnable == nullptr) return call(this, runnable);
  pool_runnable* ours = nullptr;
  {
    const weft_section weft;
    const auto& queued = pools().queued;
    const auto it = queued.find(runnable);
    if (it != queued.end()) ours = it->second;
  }
  const pool_call in_pool;
  if (ours == nullptr) return call(this, runnable);
  if (!call(this, reinterpret_cast<QRunnable*>(ours))) return false;
  ours->taken_back();
  delete ours;
  return true;
}

bool QThreadPool::waitForDone(int msecs) {
  WEFT_REAL_QT(bool (*)(QThreadPool*, int), "_ZN11QThreadPool11waitForDoneEi");
  bool done = false;
  {
    const pool_call in_pool;
    done = call(this, msecs);
  }
  if (done) acquire_from(this);
  return done;
}

void QFutureInterfaceBase::setRunnable(QRunnable* runnable) {
  WEFT_REAL_QT(void (*)(QFutureInterfaceBase*, QRunnable*), "_ZN20QFutureInterfaceBase11setRunnableEP9QRunnable");
  call(this, runnable);
  if (tables() == nullptr || runnable == nullptr) return;
  const weft_section weft;
  pools().promises[runnable] = this;
}

void QFutureInterfaceBase::reportStarted() {
  WEFT_REAL_QT(void (*)(QFutureInterfaceBase*), "_ZN20QFutureInterfaceBase13reportStartedEv");
  if (tables() != nullptr) forget_clock(future_key(this));  // a new computation: no finish yet
  call(this);
}

void QFutureInterfaceBase::reportFinished() {
  WEFT_REAL_QT(void (*)(QFutureInterfaceBase*), "_ZN20QFutureInterfaceBase14reportFinishedEv");
  if (tables() != nullptr) {
    engine_finishes();  // already done when the engine's asynchronousFinish was entered
    release_on(future_key(this));
  }
  call(this);
}

void QFutureInterfaceBase::waitForFinished() {
  WEFT_REAL_QT(void (*)(QFutureInterfaceBase*), "_ZN20QFutureInterfaceBase15waitForFinishedEv");
  {
    const future_wait waiting;
    call(this);
  }
  if (tables() != nullptr) acquire_from(future_key(this));
}

void QFutureInterfaceBase::waitForResult(int index) {
  WEFT_REAL_QT(void (*)(QFutureInterfaceBase*, int), "_ZN20QFutureInterfaceBase13waitForResultEi");
  {
    const future_wait waiting;
    call(this, index);
  }
  if (tables() != nullptr) acquire_from(future_key(this));
}

bool QFutureInterfaceBase::waitForNextResult() {
  WEFT_REAL_QT(bool (*)(QFutureInterfaceBase*), "_ZN20QFutureInterfaceBase17waitForNextResultEv");
  bool more = false;
  {
    const future_wait waiting;
    more = call(this);
  }
  if (tables() != nullptr) acquire_from(future_key(this));
  return more;
}

bool QFutureInterfaceBase::derefT() const noexcept {
  WEFT_REAL_QT(bool (*)(const QFutureInterfaceBase*), "_ZNK20QFutureInterfaceBase6derefTEv");
  reference_dropped(this);
  return call(this);
}

QFutureInterfaceBase::~QFutureInterfaceBase() {
  WEFT_REAL_QT(void (*)(QFutureInterfaceBase*), "_ZN20QFutureInterfaceBaseD2Ev");
  reference_dropped(this);
  call(this);  // the last reference deletes the shared state
}
