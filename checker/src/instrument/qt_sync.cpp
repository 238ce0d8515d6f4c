// Qt 6's thread synchronisation inside an execution of weft exec: QMutex
// (through the ThreadSanitizer annotations Qt's own headers make, which
// annotations.cpp follows), QWaitCondition, QReadWriteLock, QSemaphore and
// QThread::wait.
//
// Those four are implemented inside libQt6Core.so, with atomics the
// instrumentation never sees: the data a correct program orders with them
// was reported as a data race. So their entry points (exported C++
// functions, defined here by their mangled names) say what they order, as
// Qt's headers do for QMutex:
//  - QWaitCondition is weft's condition variable (logical deadlines): a
//    wait registers, unlocks the QMutex as QMutex::unlock does, blocks, and
//    locks it again as QMutex::lock does; wakeOne and wakeAll notify;
//  - QReadWriteLock and QSemaphore keep Qt's real locking and blocking
//    (their futex waits go through syscall(), which weft follows) and add
//    the edges: a write unlock releases to every later lock, a read unlock
//    to later write locks only; a QSemaphore's release to every later
//    acquire;
//  - QThread::wait, once the thread finished, joins the logical thread that
//    QThread::start made.
// QThreadPool, QFuture and QtConcurrent are followed in qt_pool.cpp.
// Queued signal-slot connections and posted events: qt_events.cpp.
// Outside an execution the real functions run untouched.
#include <link.h>
#include <time.h>

#include <atomic>
#include <chrono>
#include <climits>
#include <cstdint>
#include <cstring>
#include <map>
#include <optional>
#include <type_traits>

#include "../runtime/execution.hpp"
#include "address_objects.hpp"
#include "interpose.hpp"
#include "qt_real.hpp"

extern "C" {
void __tsan_release(void* address);
void __tsan_acquire(void* address);
}

// Qt's types, declared for their mangled names only (no layout is read
// except QDeadlineTimer's, passed by value: two integer registers). The
// definitions are weak: a program with Qt linked in statically keeps Qt's.
class QMutex;
class QDeadlineTimer {
 public:
  long long t1;
  unsigned t2;
  unsigned type;
};
class QWaitCondition {
 public:
  [[gnu::weak]] bool wait(QMutex* m, QDeadlineTimer deadline);
  [[gnu::weak]] bool wait(QMutex* m, unsigned long ms);
  [[gnu::weak]] bool wait(class QReadWriteLock* l, QDeadlineTimer deadline);
  [[gnu::weak]] bool wait(class QReadWriteLock* l, unsigned long ms);
  [[gnu::weak]] void wakeOne();
  [[gnu::weak]] void wakeAll();
};
class QReadWriteLock {
 public:
  [[gnu::weak]] void lockForRead();
  [[gnu::weak]] bool tryLockForRead();
  [[gnu::weak]] bool tryLockForRead(int timeout);
  [[gnu::weak]] void lockForWrite();
  [[gnu::weak]] bool tryLockForWrite();
  [[gnu::weak]] bool tryLockForWrite(int timeout);
  [[gnu::weak]] void unlock();
};
class QSemaphore {
 public:
  [[gnu::weak]] void acquire(int n);
  [[gnu::weak]] bool tryAcquire(int n);
  [[gnu::weak]] bool tryAcquire(int n, int timeout);
  [[gnu::weak]] void release(int n);
};
class QThread {
 public:
  enum Priority : int;
  [[gnu::weak]] void start(Priority priority);
  [[gnu::weak]] bool wait(QDeadlineTimer deadline);
};

namespace weft::detail::instrument {
namespace {

location qt_caller(const void* pc) { return location::caller(pc); }

/// Whether the call came from the program, not from libQt6Core itself: Qt's
/// own uses of these (a QSemaphore's QWaitCondition, QThread::wait's) stay
/// Qt's, all of them, wherever the linker bound the call.
bool from_program(const void* pc) {
  return !called_from_qt_core(pc);
}

/// Inside an execution, called by the program's code.
bool followed(const void* pc) { return tables() != nullptr && from_program(pc); }

/// QMutex's unlock and lock, as Qt's inline QBasicMutex::unlock and lock
/// do them (its d_ptr: null unlocked, 1 locked, anything else contended and
/// left to the library), with the annotations Qt's headers make.
void unlock_qmutex(QMutex* m) {
  __tsan_release(m);
  void* locked = reinterpret_cast<void*>(std::uintptr_t{1});
  if (!__atomic_compare_exchange_n(reinterpret_cast<void**>(m), &locked, nullptr, false, __ATOMIC_RELEASE,
                                   __ATOMIC_RELAXED)) {
    WEFT_REAL_QT(void (*)(QMutex*), "_ZN11QBasicMutex14unlockInternalEv");
    call(m);
  }
}
void lock_qmutex(QMutex* m) {
  void* unlocked = nullptr;
  if (!__atomic_compare_exchange_n(reinterpret_cast<void**>(m), &unlocked, reinterpret_cast<void*>(std::uintptr_t{1}),
                                   false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
    WEFT_REAL_QT(void (*)(QMutex*), "_ZN11QBasicMutex12lockInternalEv");
    call(m);
  }
  __tsan_acquire(m);
}

/// A QDeadlineTimer as logical time (null: forever). Its deadline is in
/// nanoseconds of CLOCK_MONOTONIC, which is logical time in an execution.
std::optional<weft::time_point> deadline_of(QDeadlineTimer d) {
  if (d.t1 == LLONG_MAX) return std::nullopt;
  WEFT_REAL_QT(long long (*)(const QDeadlineTimer*), "_ZNK14QDeadlineTimer13deadlineNSecsEv");
  const long long ns = call(&d);
  timespec at{};
  at.tv_sec = static_cast<time_t>(ns / 1'000'000'000);
  at.tv_nsec = static_cast<long>(ns % 1'000'000'000);
  return logical_deadline(CLOCK_MONOTONIC, &at);
}

/// `ms` milliseconds from now as logical time (null: ULONG_MAX, forever).
std::optional<weft::time_point> deadline_in(unsigned long ms) {
  if (ms == ULONG_MAX) return std::nullopt;
  return logical_now() + std::chrono::milliseconds(ms);
}

/// A wait on `c` with `release` and `reacquire` around the block: weft's
/// condition variable, registered before the lock is released.
template <class Release, class Reacquire>
bool wait_releasing(QWaitCondition* c, const std::optional<weft::time_point>& deadline, const location& where,
                    Release release, Reacquire reacquire) {
  {
    const weft_section weft;
    cv_wait_begin(cv_at(current_tables(), c), where);
  }
  release();
  bool woken = false;
  {
    const weft_section weft;
    woken = cv_wait_block(cv_at(current_tables(), c), deadline ? &*deadline : nullptr, where);
  }
  reacquire();
  return woken;
}

/// QReadWriteLock: a write unlock releases to `write_clock` (every later
/// lock acquires it), a read unlock to `read_clock` (later write locks
/// acquire it); which one an unlock is, by the thread that holds the write
/// lock (recursively, in a Recursive lock).
void* write_clock(QReadWriteLock* l) { return l; }
void* read_clock(QReadWriteLock* l) { return reinterpret_cast<char*>(l) + 1; }
struct write_holder {
  std::uint32_t thread = 0;
  std::uint32_t depth = 0;
};
std::map<const QReadWriteLock*, write_holder> writers;  // each execution is a process of its own

void read_locked(QReadWriteLock* l) { __tsan_acquire(write_clock(l)); }
void write_locked(QReadWriteLock* l) {
  __tsan_acquire(write_clock(l));
  __tsan_acquire(read_clock(l));
  write_holder& h = writers[l];
  h.thread = current_thread_id();
  ++h.depth;
}
/// Before the real unlock: whether it releases the write lock.
bool unlocking(QReadWriteLock* l) {
  auto it = writers.find(l);
  if (it != writers.end() && it->second.thread == current_thread_id() && it->second.depth > 0) {
    if (--it->second.depth == 0) writers.erase(it);
    __tsan_release(write_clock(l));
    return true;
  }
  __tsan_release(read_clock(l));
  return false;
}

/// The real `symbol` (mangled) on `object` with `args`; when it took the lock
/// or the permits (void: always) and the program called, `then(object)`.
template <class Result = void, class Object, class... A>
Result taken_then(Object* object, std::atomic<void*>& real, const char* symbol, const void* pc, void (*then)(Object*),
                  A... args) {
  const auto call = real_qt<Result (*)(Object*, A...)>(real, symbol);
  if constexpr (std::is_void_v<Result>) {
    call(object, args...);
    if (followed(pc)) then(object);
  } else {
    const Result taken = call(object, args...);
    if (taken && followed(pc)) then(object);
    return taken;
  }
}

/// QSemaphore: its release happens before every later acquire.
void acquired_permits(QSemaphore* s) { __tsan_acquire(s); }

/// A wait on `c` that releases `l` and takes it again in the same mode.
bool wait_read_write(QWaitCondition* c, QReadWriteLock* l, const std::optional<weft::time_point>& deadline,
                     const location& where) {
  auto it = writers.find(l);
  const bool writing = it != writers.end() && it->second.thread == current_thread_id();
  return wait_releasing(
      c, deadline, where, [l] { l->unlock(); }, [l, writing] { writing ? l->lockForWrite() : l->lockForRead(); });
}

/// QThread::start: the logical thread each QThread started.
std::map<const QThread*, std::uint32_t> started;

}  // namespace

bool in_qt_core(const void* pc) noexcept { return !from_program(pc); }

}  // namespace weft::detail::instrument

using namespace weft::detail;
using namespace weft::detail::instrument;

bool QWaitCondition::wait(QMutex* m, QDeadlineTimer d) {
  if (!followed(WEFT_PC)) {
    WEFT_REAL_QT(bool (*)(QWaitCondition*, QMutex*, QDeadlineTimer),
                 "_ZN14QWaitCondition4waitEP6QMutex14QDeadlineTimer");
    return call(this, m, d);
  }
  return wait_releasing(
      this, deadline_of(d), qt_caller(WEFT_PC), [m] { unlock_qmutex(m); }, [m] { lock_qmutex(m); });
}

bool QWaitCondition::wait(QMutex* m, unsigned long ms) {
  if (!followed(WEFT_PC)) {
    WEFT_REAL_QT(bool (*)(QWaitCondition*, QMutex*, unsigned long), "_ZN14QWaitCondition4waitEP6QMutexm");
    return call(this, m, ms);
  }
  return wait_releasing(
      this, deadline_in(ms), qt_caller(WEFT_PC), [m] { unlock_qmutex(m); }, [m] { lock_qmutex(m); });
}

bool QWaitCondition::wait(QReadWriteLock* l, QDeadlineTimer d) {
  if (!followed(WEFT_PC)) {
    WEFT_REAL_QT(bool (*)(QWaitCondition*, QReadWriteLock*, QDeadlineTimer),
                 "_ZN14QWaitCondition4waitEP14QReadWriteLock14QDeadlineTimer");
    return call(this, l, d);
  }
  return wait_read_write(this, l, deadline_of(d), qt_caller(WEFT_PC));
}

bool QWaitCondition::wait(QReadWriteLock* l, unsigned long ms) {
  if (!followed(WEFT_PC)) {
    WEFT_REAL_QT(bool (*)(QWaitCondition*, QReadWriteLock*, unsigned long),
                 "_ZN14QWaitCondition4waitEP14QReadWriteLockm");
    return call(this, l, ms);
  }
  return wait_read_write(this, l, deadline_in(ms), qt_caller(WEFT_PC));
}

void QWaitCondition::wakeOne() {
  if (!followed(WEFT_PC)) {
    WEFT_REAL_QT(void (*)(QWaitCondition*), "_ZN14QWaitCondition7wakeOneEv");
    return call(this);
  }
  const weft_section weft;
  cv_notify(cv_at(current_tables(), this), false, qt_caller(WEFT_PC));
}

void QWaitCondition::wakeAll() {
  if (!followed(WEFT_PC)) {
    WEFT_REAL_QT(void (*)(QWaitCondition*), "_ZN14QWaitCondition7wakeAllEv");
    return call(this);
  }
  const weft_section weft;
  cv_notify(cv_at(current_tables(), this), true, qt_caller(WEFT_PC));
}

void QReadWriteLock::lockForRead() {
  static std::atomic<void*> real{nullptr};
  taken_then(this, real, "_ZN14QReadWriteLock11lockForReadEv", WEFT_PC, read_locked);
}

bool QReadWriteLock::tryLockForRead() {
  static std::atomic<void*> real{nullptr};
  return taken_then<bool>(this, real, "_ZN14QReadWriteLock14tryLockForReadEv", WEFT_PC, read_locked);
}

bool QReadWriteLock::tryLockForRead(int timeout) {
  static std::atomic<void*> real{nullptr};
  return taken_then<bool>(this, real, "_ZN14QReadWriteLock14tryLockForReadEi", WEFT_PC, read_locked, timeout);
}

void QReadWriteLock::lockForWrite() {
  static std::atomic<void*> real{nullptr};
  taken_then(this, real, "_ZN14QReadWriteLock12lockForWriteEv", WEFT_PC, write_locked);
}

bool QReadWriteLock::tryLockForWrite() {
  static std::atomic<void*> real{nullptr};
  return taken_then<bool>(this, real, "_ZN14QReadWriteLock15tryLockForWriteEv", WEFT_PC, write_locked);
}

bool QReadWriteLock::tryLockForWrite(int timeout) {
  static std::atomic<void*> real{nullptr};
  return taken_then<bool>(this, real, "_ZN14QReadWriteLock15tryLockForWriteEi", WEFT_PC, write_locked, timeout);
}

void QReadWriteLock::unlock() {
  if (followed(WEFT_PC)) (void)unlocking(this);
  WEFT_REAL_QT(void (*)(QReadWriteLock*), "_ZN14QReadWriteLock6unlockEv");
  call(this);
}

void QSemaphore::acquire(int n) {
  static std::atomic<void*> real{nullptr};
  taken_then(this, real, "_ZN10QSemaphore7acquireEi", WEFT_PC, acquired_permits, n);
}

bool QSemaphore::tryAcquire(int n) {
  static std::atomic<void*> real{nullptr};
  return taken_then<bool>(this, real, "_ZN10QSemaphore10tryAcquireEi", WEFT_PC, acquired_permits, n);
}

bool QSemaphore::tryAcquire(int n, int timeout) {
  static std::atomic<void*> real{nullptr};
  return taken_then<bool>(this, real, "_ZN10QSemaphore10tryAcquireEii", WEFT_PC, acquired_permits, n, timeout);
}

void QSemaphore::release(int n) {
  if (followed(WEFT_PC)) __tsan_release(this);
  WEFT_REAL_QT(void (*)(QSemaphore*, int), "_ZN10QSemaphore7releaseEi");
  call(this, n);
}

void QThread::start(Priority priority) {
  WEFT_REAL_QT(void (*)(QThread*, Priority), "_ZN7QThread5startENS_8PriorityE");
  const bool ours = followed(WEFT_PC);
  execution* e = current();
  const std::uint32_t before = ours ? e->thread_count() : 0;
  const serving_program_call serving(ours ? WEFT_PC : nullptr);  // the thread's start names this call
  call(this, priority);
  if (ours && e->thread_count() > before) started[this] = e->thread_count() - 1;
}

bool QThread::wait(QDeadlineTimer deadline) {
  WEFT_REAL_QT(bool (*)(QThread*, QDeadlineTimer), "_ZN7QThread4waitE14QDeadlineTimer");
  const bool finished = call(this, deadline);
  if (finished && followed(WEFT_PC)) {
    auto it = started.find(this);
    if (it != started.end()) {
      const weft_section weft;
      execution& e = *current();
      e.detect().on_join(e.current_id(), it->second);
    }
  }
  return finished;
}
