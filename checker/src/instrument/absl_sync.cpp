// Abseil's synchronisation (absl::Mutex, CondVar, Notification,
// BlockingCounter; Barrier through them), inside an execution of weft exec.
//
// Abseil is a compiled library (Debian's libabsl-dev): its Mutex takes the
// lock with an atomic compare-and-swap inside libabsl_synchronization.so,
// which the instrumentation never sees, and blocks on a raw futex. weft saw
// neither the lock nor its happens-before, and the data a correct program
// guards with an absl::Mutex was reported as a data race. So their entry
// points are defined here, by their symbols in Debian's build (the inline
// namespace absl::debian3), and each is weft's own object kept by the
// object's address: an absl::Mutex a reader-writer lock, a CondVar a
// condition variable. Mutex::Await and the LockWhen family wait on the
// mutex's "conditions" (a condition variable of its own, notified at every
// release), re-evaluating the absl::Condition (the program's code) with the
// mutex held, as Abseil does; a Notification and a BlockingCounter are such
// waits on their own mutex. Their deadlines and timeouts are logical time.
// Outside an execution the real functions run.
//
// Not followed: Abseil other than Debian 12's (another inline namespace
// leaves the real functions in place, and their findings with them); the
// debug hooks (EnableDebugLog, EnableInvariantDebugging, the tracers) do
// nothing under weft.
#include <dlfcn.h>
#include <time.h>

#include <atomic>
#include <cstdint>
#include <limits>
#include <optional>

#include "address_objects.hpp"
#include "interpose.hpp"
#include "mutex_conditions.hpp"

namespace weft::detail::instrument {
namespace {

/// absl::Duration and absl::Time as they are passed (by value, two
/// registers): seconds, and quarters of a nanosecond (~0u: infinite).
struct absl_duration {
  std::int64_t seconds;
  std::uint32_t quarter_nanoseconds;
};
struct absl_time {
  absl_duration since_unix_epoch;
};

/// The real entry point `symbol` (libabsl_synchronization.so's), resolved
/// on first use.
#define WEFT_REAL_ABSL(type, symbol) WEFT_REAL_SYMBOL(type, symbol, "libabsl_synchronization.so.20220623")
constexpr std::uint32_t infinite_quarters = ~0u;

location caller_of(const void* pc) { return location::caller(pc); }

/// The logical deadline of a wait for `d` from now (none: infinite).
std::optional<weft::time_point> deadline_after(absl_duration d) {
  if (d.seconds < 0) return logical_now();  // a negative timeout (InfiniteDuration's opposite too): now
  if (d.quarter_nanoseconds == infinite_quarters) return std::nullopt;
  const auto ns = std::chrono::seconds(d.seconds) + std::chrono::nanoseconds(d.quarter_nanoseconds / 4);
  return logical_now() + std::chrono::duration_cast<weft::clock::duration>(ns);
}

/// The logical deadline at absolute time `t` (CLOCK_REALTIME, as absl::Now reads it).
std::optional<weft::time_point> deadline_at(absl_time t) {
  if (t.since_unix_epoch.quarter_nanoseconds == infinite_quarters) {  // InfiniteFuture() or InfinitePast()
    return t.since_unix_epoch.seconds < 0 ? std::optional(logical_now()) : std::nullopt;
  }
  timespec at{};
  at.tv_sec = static_cast<time_t>(t.since_unix_epoch.seconds);
  at.tv_nsec = static_cast<long>(t.since_unix_epoch.quarter_nanoseconds / 4);
  return logical_deadline(CLOCK_REALTIME, &at);
}

/// An absl::Mutex: a reader waits behind a writer blocked in WriterLock()
/// ("ReaderLock() may block even if the lock is held in shared mode",
/// absl/synchronization/mutex.h).
condition_mutex absl_mutex(const void* mu) {
  mutex_state& m = mutex_at(current_tables(), mu, object_kind::shared_mutex);
  m.writers_first = true;
  return {mu, m};
}

/// An absl::Condition's verdict: the program's code, run as the program's.
bool evaluate(const void* condition) {
  using eval_function = bool(const void*);
  eval_function* eval = WEFT_REAL_ABSL(eval_function, "_ZNK4absl7debian39Condition4EvalEv");
  const program_section program;
  return eval(condition);
}

bool await_condition(const void* mu, const void* condition, std::optional<weft::time_point> deadline,
                     const location& where) {
  return absl_mutex(mu).await([condition] { return evaluate(condition); }, deadline, where);
}

/// A Notification's and a BlockingCounter's mutex (their first member),
/// and the field after it (notified_yet_, count_).
const void* own_mutex(const void* object) { return object; }
template <class T>
std::atomic<T>& field_after_mutex(const void* object) {
  return *reinterpret_cast<std::atomic<T>*>(static_cast<char*>(const_cast<void*>(object)) + sizeof(std::intptr_t));
}

/// CondVar's waits: true when the deadline passed first (Abseil's answer).
bool condvar_wait(const void* cv, const void* mu, std::optional<weft::time_point> deadline, const location& where) {
  return !absl_mutex(mu).wait_releasing(cv_at(current_tables(), cv), deadline, false, where);
}

/// A Notification's wait: true once notified, false at the deadline.
bool wait_for_notification(const void* self, std::optional<weft::time_point> deadline, const location& where) {
  const condition_mutex mu = absl_mutex(own_mutex(self));
  mu.acquire(true, where);
  const bool notified =
      mu.await([self] { return field_after_mutex<bool>(self).load(std::memory_order_relaxed); }, deadline, where);
  mu.release(where);
  return notified;
}

}  // namespace
}  // namespace weft::detail::instrument

using namespace weft::detail;
using namespace weft::detail::instrument;

// The definitions, by the library's symbols (`self` is `this`).
#define WEFT_ABSL_ENTRY WEFT_SYMBOL_ENTRY

WEFT_ABSL_ENTRY(void, absl_mutex_lock, "_ZN4absl7debian35Mutex4LockEv", void* self) {
  if (tables() == nullptr) return WEFT_REAL_ABSL(void(void*), "_ZN4absl7debian35Mutex4LockEv")(self);
  const weft_section weft;
  absl_mutex(self).acquire(true, caller_of(WEFT_PC));
}

WEFT_ABSL_ENTRY(void, absl_mutex_reader_lock, "_ZN4absl7debian35Mutex10ReaderLockEv", void* self) {
  if (tables() == nullptr) return WEFT_REAL_ABSL(void(void*), "_ZN4absl7debian35Mutex10ReaderLockEv")(self);
  const weft_section weft;
  absl_mutex(self).acquire(false, caller_of(WEFT_PC));
}

WEFT_ABSL_ENTRY(bool, absl_mutex_try_lock, "_ZN4absl7debian35Mutex7TryLockEv", void* self) {
  if (tables() == nullptr) return WEFT_REAL_ABSL(bool(void*), "_ZN4absl7debian35Mutex7TryLockEv")(self);
  const weft_section weft;
  return mutex_try_lock(absl_mutex(self).lock, caller_of(WEFT_PC));
}

WEFT_ABSL_ENTRY(bool, absl_mutex_reader_try_lock, "_ZN4absl7debian35Mutex13ReaderTryLockEv", void* self) {
  if (tables() == nullptr) return WEFT_REAL_ABSL(bool(void*), "_ZN4absl7debian35Mutex13ReaderTryLockEv")(self);
  const weft_section weft;
  return mutex_try_lock_shared(absl_mutex(self).lock, caller_of(WEFT_PC));
}

WEFT_ABSL_ENTRY(void, absl_mutex_unlock, "_ZN4absl7debian35Mutex6UnlockEv", void* self) {
  if (tables() == nullptr) return WEFT_REAL_ABSL(void(void*), "_ZN4absl7debian35Mutex6UnlockEv")(self);
  const weft_section weft;
  absl_mutex(self).release(caller_of(WEFT_PC));
}

WEFT_ABSL_ENTRY(void, absl_mutex_reader_unlock, "_ZN4absl7debian35Mutex12ReaderUnlockEv", void* self) {
  if (tables() == nullptr) return WEFT_REAL_ABSL(void(void*), "_ZN4absl7debian35Mutex12ReaderUnlockEv")(self);
  const weft_section weft;
  absl_mutex(self).release(caller_of(WEFT_PC));
}

WEFT_ABSL_ENTRY(void, absl_mutex_await, "_ZN4absl7debian35Mutex5AwaitERKNS0_9ConditionE", void* self,
                const void* condition) {
  if (tables() == nullptr) {
    return WEFT_REAL_ABSL(void(void*, const void*), "_ZN4absl7debian35Mutex5AwaitERKNS0_9ConditionE")(self, condition);
  }
  const weft_section weft;
  await_condition(self, condition, std::nullopt, caller_of(WEFT_PC));
}

WEFT_ABSL_ENTRY(bool, absl_mutex_await_with_timeout,
                "_ZN4absl7debian35Mutex16AwaitWithTimeoutERKNS0_9ConditionENS0_8DurationE", void* self,
                const void* condition, absl_duration timeout) {
  if (tables() == nullptr) {
    return WEFT_REAL_ABSL(bool(void*, const void*, absl_duration),
                          "_ZN4absl7debian35Mutex16AwaitWithTimeoutERKNS0_9ConditionENS0_8DurationE")(self, condition,
                                                                                                      timeout);
  }
  const weft_section weft;
  return await_condition(self, condition, deadline_after(timeout), caller_of(WEFT_PC));
}

WEFT_ABSL_ENTRY(bool, absl_mutex_await_with_deadline,
                "_ZN4absl7debian35Mutex17AwaitWithDeadlineERKNS0_9ConditionENS0_4TimeE", void* self,
                const void* condition, absl_time deadline) {
  if (tables() == nullptr) {
    return WEFT_REAL_ABSL(bool(void*, const void*, absl_time),
                          "_ZN4absl7debian35Mutex17AwaitWithDeadlineERKNS0_9ConditionENS0_4TimeE")(self, condition,
                                                                                                   deadline);
  }
  const weft_section weft;
  return await_condition(self, condition, deadline_at(deadline), caller_of(WEFT_PC));
}

/// The LockWhen family: the lock (shared or not), then the wait.
#define WEFT_ABSL_LOCK_WHEN(name, symbol, exclusive, deadline_type, deadline_of)                      \
  WEFT_ABSL_ENTRY(bool, name, symbol, void* self, const void* condition, deadline_type limit) {       \
    if (tables() == nullptr) {                                                                        \
      return WEFT_REAL_ABSL(bool(void*, const void*, deadline_type), symbol)(self, condition, limit); \
    }                                                                                                 \
    const weft_section weft;                                                                          \
    const location where = caller_of(WEFT_PC);                                                        \
    absl_mutex(self).acquire(exclusive, where);                                                            \
    return await_condition(self, condition, deadline_of(limit), where);                               \
  }
WEFT_ABSL_LOCK_WHEN(absl_mutex_lock_when_with_timeout,
                    "_ZN4absl7debian35Mutex19LockWhenWithTimeoutERKNS0_9ConditionENS0_8DurationE", true, absl_duration,
                    deadline_after)
WEFT_ABSL_LOCK_WHEN(absl_mutex_lock_when_with_deadline,
                    "_ZN4absl7debian35Mutex20LockWhenWithDeadlineERKNS0_9ConditionENS0_4TimeE", true, absl_time,
                    deadline_at)
WEFT_ABSL_LOCK_WHEN(absl_mutex_reader_lock_when_with_timeout,
                    "_ZN4absl7debian35Mutex25ReaderLockWhenWithTimeoutERKNS0_9ConditionENS0_8DurationE", false,
                    absl_duration, deadline_after)
WEFT_ABSL_LOCK_WHEN(absl_mutex_reader_lock_when_with_deadline,
                    "_ZN4absl7debian35Mutex26ReaderLockWhenWithDeadlineERKNS0_9ConditionENS0_4TimeE", false, absl_time,
                    deadline_at)

WEFT_ABSL_ENTRY(void, absl_mutex_lock_when, "_ZN4absl7debian35Mutex8LockWhenERKNS0_9ConditionE", void* self,
                const void* condition) {
  if (tables() == nullptr) {
    return WEFT_REAL_ABSL(void(void*, const void*), "_ZN4absl7debian35Mutex8LockWhenERKNS0_9ConditionE")(self,
                                                                                                         condition);
  }
  const weft_section weft;
  const location where = caller_of(WEFT_PC);
  absl_mutex(self).acquire(true, where);
  await_condition(self, condition, std::nullopt, where);
}

WEFT_ABSL_ENTRY(void, absl_mutex_reader_lock_when, "_ZN4absl7debian35Mutex14ReaderLockWhenERKNS0_9ConditionE",
                void* self, const void* condition) {
  if (tables() == nullptr) {
    return WEFT_REAL_ABSL(void(void*, const void*), "_ZN4absl7debian35Mutex14ReaderLockWhenERKNS0_9ConditionE")(
        self, condition);
  }
  const weft_section weft;
  const location where = caller_of(WEFT_PC);
  absl_mutex(self).acquire(false, where);
  await_condition(self, condition, std::nullopt, where);
}

WEFT_ABSL_ENTRY(void, absl_condvar_wait, "_ZN4absl7debian37CondVar4WaitEPNS0_5MutexE", void* self, void* mu) {
  if (tables() == nullptr)
    return WEFT_REAL_ABSL(void(void*, void*), "_ZN4absl7debian37CondVar4WaitEPNS0_5MutexE")(self, mu);
  const weft_section weft;
  condvar_wait(self, mu, std::nullopt, caller_of(WEFT_PC));
}

WEFT_ABSL_ENTRY(bool, absl_condvar_wait_with_timeout,
                "_ZN4absl7debian37CondVar15WaitWithTimeoutEPNS0_5MutexENS0_8DurationE", void* self, void* mu,
                absl_duration timeout) {
  if (tables() == nullptr) {
    return WEFT_REAL_ABSL(bool(void*, void*, absl_duration),
                          "_ZN4absl7debian37CondVar15WaitWithTimeoutEPNS0_5MutexENS0_8DurationE")(self, mu, timeout);
  }
  const weft_section weft;
  return condvar_wait(self, mu, deadline_after(timeout), caller_of(WEFT_PC));
}

WEFT_ABSL_ENTRY(bool, absl_condvar_wait_with_deadline,
                "_ZN4absl7debian37CondVar16WaitWithDeadlineEPNS0_5MutexENS0_4TimeE", void* self, void* mu,
                absl_time deadline) {
  if (tables() == nullptr) {
    return WEFT_REAL_ABSL(bool(void*, void*, absl_time),
                          "_ZN4absl7debian37CondVar16WaitWithDeadlineEPNS0_5MutexENS0_4TimeE")(self, mu, deadline);
  }
  const weft_section weft;
  return condvar_wait(self, mu, deadline_at(deadline), caller_of(WEFT_PC));
}

WEFT_ABSL_ENTRY(void, absl_condvar_signal, "_ZN4absl7debian37CondVar6SignalEv", void* self) {
  if (tables() == nullptr) return WEFT_REAL_ABSL(void(void*), "_ZN4absl7debian37CondVar6SignalEv")(self);
  const weft_section weft;
  cv_notify(cv_at(current_tables(), self), false, caller_of(WEFT_PC));
}

WEFT_ABSL_ENTRY(void, absl_condvar_signal_all, "_ZN4absl7debian37CondVar9SignalAllEv", void* self) {
  if (tables() == nullptr) return WEFT_REAL_ABSL(void(void*), "_ZN4absl7debian37CondVar9SignalAllEv")(self);
  const weft_section weft;
  cv_notify(cv_at(current_tables(), self), true, caller_of(WEFT_PC));
}

// absl::Notification: notified_yet_ is set under its mutex, and a wait is a
// wait on that mutex's conditions. The flag is stored as the instrumented
// atomics' entry stores, so that HasBeenNotified() (inline in the program)
// reads it with the happens-before an acquire load gets.

WEFT_ABSL_ENTRY(void, absl_notification_notify, "_ZN4absl7debian312Notification6NotifyEv", void* self) {
  if (tables() == nullptr) return WEFT_REAL_ABSL(void(void*), "_ZN4absl7debian312Notification6NotifyEv")(self);
  const location where = caller_of(WEFT_PC);
  {
    const weft_section weft;
    absl_mutex(own_mutex(self)).acquire(true, where);
    if (field_after_mutex<bool>(self).load(std::memory_order_relaxed)) {
      fail(weft::finding_kind::misuse, "absl::Notification::Notify() called more than once (Abseil aborts)", where);
    }
  }
  atomic_store_for(reinterpret_cast<volatile std::uint8_t*>(&field_after_mutex<bool>(self)), std::uint8_t{1}, __ATOMIC_RELEASE,
                    WEFT_PC);
  const weft_section weft;
  absl_mutex(own_mutex(self)).release(where);
}

WEFT_ABSL_ENTRY(void, absl_notification_wait, "_ZNK4absl7debian312Notification19WaitForNotificationEv",
                const void* self) {
  if (tables() == nullptr) {
    return WEFT_REAL_ABSL(void(const void*), "_ZNK4absl7debian312Notification19WaitForNotificationEv")(self);
  }
  const weft_section weft;
  wait_for_notification(self, std::nullopt, caller_of(WEFT_PC));
}

WEFT_ABSL_ENTRY(bool, absl_notification_wait_with_timeout,
                "_ZNK4absl7debian312Notification30WaitForNotificationWithTimeoutENS0_8DurationE", const void* self,
                absl_duration timeout) {
  if (tables() == nullptr) {
    return WEFT_REAL_ABSL(bool(const void*, absl_duration),
                          "_ZNK4absl7debian312Notification30WaitForNotificationWithTimeoutENS0_8DurationE")(self,
                                                                                                            timeout);
  }
  const weft_section weft;
  return wait_for_notification(self, deadline_after(timeout), caller_of(WEFT_PC));
}

WEFT_ABSL_ENTRY(bool, absl_notification_wait_with_deadline,
                "_ZNK4absl7debian312Notification31WaitForNotificationWithDeadlineENS0_4TimeE", const void* self,
                absl_time deadline) {
  if (tables() == nullptr) {
    return WEFT_REAL_ABSL(bool(const void*, absl_time),
                          "_ZNK4absl7debian312Notification31WaitForNotificationWithDeadlineENS0_4TimeE")(self,
                                                                                                         deadline);
  }
  const weft_section weft;
  return wait_for_notification(self, deadline_at(deadline), caller_of(WEFT_PC));
}

// absl::BlockingCounter: count_ goes down under its mutex; Wait waits on
// that mutex's conditions for zero.
WEFT_ABSL_ENTRY(bool, absl_blocking_counter_decrement, "_ZN4absl7debian315BlockingCounter14DecrementCountEv",
                void* self) {
  if (tables() == nullptr) {
    return WEFT_REAL_ABSL(bool(void*), "_ZN4absl7debian315BlockingCounter14DecrementCountEv")(self);
  }
  const weft_section weft;
  const location where = caller_of(WEFT_PC);
  absl_mutex(own_mutex(self)).acquire(true, where);
  const int left = field_after_mutex<int>(self).fetch_sub(1, std::memory_order_relaxed) - 1;
  if (left < 0)
    fail(weft::finding_kind::misuse, "absl::BlockingCounter::DecrementCount() called too many times", where);
  absl_mutex(own_mutex(self)).release(where);
  return left == 0;
}

WEFT_ABSL_ENTRY(void, absl_blocking_counter_wait, "_ZN4absl7debian315BlockingCounter4WaitEv", void* self) {
  if (tables() == nullptr) return WEFT_REAL_ABSL(void(void*), "_ZN4absl7debian315BlockingCounter4WaitEv")(self);
  const weft_section weft;
  const location where = caller_of(WEFT_PC);
  const condition_mutex mu = absl_mutex(own_mutex(self));
  mu.acquire(true, where);
  mu.await([self] { return field_after_mutex<int>(self).load(std::memory_order_relaxed) == 0; }, std::nullopt, where);
  mu.release(where);
}
