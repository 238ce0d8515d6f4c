// Cap'n Proto's KJ library (libkj): kj::MutexGuarded's mutex and its when(),
// and kj::Lazy's once, inside an execution of weft exec.
//
// KJ is a compiled library (Debian's libcapnp-dev): MutexGuarded<T> and
// Lazy<T> are templates in the program, but they lock and wait through
// kj::_::Mutex and kj::_::Once, whose code is in libkj.so and takes the lock
// with atomics on a raw futex. weft saw neither the lock nor its
// happens-before, and every correct program that guards its data with a
// MutexGuarded was reported as a data race. So their entry points are
// defined here, by their symbols in Debian's build of Cap'n Proto 0.9, and a
// kj::_::Mutex is weft's reader-writer lock kept by the object's address
// (readers do not queue behind a waiting writer, as in KJ's futex
// implementation). Mutex::wait, which MutexGuarded::when() calls, waits on
// the mutex's conditions (mutex_conditions.hpp): in KJ the unlocking thread
// checks the waiters' predicates; here each waiter checks its own with the
// mutex held, after every release, which orders the same accesses. Once's
// runOnce is pthread_once's protocol; its state word is then stored as the
// instrumented atomics' entry stores it, so that Lazy::get's inline
// isInitialized() acquires it. Timeouts are logical time. Outside an
// execution the real functions run.
//
// Not followed: KJ other than 0.9's symbols (another version's entry points
// stay the real ones); Mutex::induceSpuriousWakeupForTest; an exception
// thrown by a when() predicate (it is rethrown to the waiter as in KJ, with
// the mutex no longer held by weft's reckoning).
#include <atomic>
#include <chrono>
#include <cstdint>
#include <optional>

#include "address_objects.hpp"
#include "interpose.hpp"
#include "mutex_conditions.hpp"

namespace weft::detail::instrument {
namespace {

/// The real entry point `symbol` (libkj's), resolved on first use.
#define WEFT_REAL_KJ(type, symbol) WEFT_REAL_SYMBOL(type, symbol, "libkj-0.9.2.so")
/// kj::Maybe<kj::Duration> as passed (by address: it is not trivially
/// copyable): set or not, then nanoseconds.
struct kj_maybe_duration {
  bool is_set;
  std::int64_t nanoseconds;
};

/// kj::_::Mutex::Exclusivity's EXCLUSIVE (SHARED is 1).
constexpr int kj_exclusive = 0;

/// kj::_::Mutex::Predicate and kj::_::Once::Initializer: the program's code
/// behind one virtual function.
class kj_predicate {
 public:
  virtual bool check() = 0;

 protected:
  ~kj_predicate() = default;
};
class kj_initializer {
 public:
  virtual void run() = 0;

 protected:
  ~kj_initializer() = default;
};

/// kj::_::Once's state word (its first member) and its "initialized" value.
constexpr std::int32_t once_initialized = 3;
volatile std::int32_t* once_word(void* once) { return static_cast<volatile std::int32_t*>(once); }

condition_mutex kj_mutex(const void* mu) { return {mu, mutex_at(current_tables(), mu, object_kind::shared_mutex)}; }

std::optional<weft::time_point> deadline_after(const kj_maybe_duration* timeout) {
  if (timeout == nullptr || !timeout->is_set) return std::nullopt;
  return logical_now() + std::chrono::duration_cast<weft::clock::duration>(
                             std::chrono::nanoseconds(std::max<std::int64_t>(timeout->nanoseconds, 0)));
}

}  // namespace
}  // namespace weft::detail::instrument

using namespace weft::detail;
using namespace weft::detail::instrument;

// The definitions, by the library's symbols (`self` is `this`; the trailing
// NoopSourceLocation, an empty class, is not passed).
#define WEFT_KJ_ENTRY WEFT_SYMBOL_ENTRY

#define WEFT_KJ_LOCK "_ZN2kj1_5Mutex4lockENS1_11ExclusivityENS_5MaybeINS_8QuantityIlNS0_15NanosecondLabelEEEEENS_18NoopSourceLocationE"
WEFT_KJ_ENTRY(bool, kj_mutex_lock, WEFT_KJ_LOCK, void* self, int exclusivity, const kj_maybe_duration* timeout) {
  if (tables() == nullptr) {
    return WEFT_REAL_KJ(bool(void*, int, const kj_maybe_duration*), WEFT_KJ_LOCK)(self, exclusivity, timeout);
  }
  const weft_section weft;
  const location where = location::caller(WEFT_PC);
  const condition_mutex mu = kj_mutex(self);
  const bool exclusive = exclusivity == kj_exclusive;
  if (const auto deadline = deadline_after(timeout)) {
    return lock_until(
        [&] { return exclusive ? mutex_try_lock(mu.lock, where) : mutex_try_lock_shared(mu.lock, where); }, *deadline,
        where);
  }
  mu.acquire(exclusive, where);
  return true;
}

#define WEFT_KJ_UNLOCK "_ZN2kj1_5Mutex6unlockENS1_11ExclusivityEPNS1_6WaiterE"
WEFT_KJ_ENTRY(void, kj_mutex_unlock, WEFT_KJ_UNLOCK, void* self, int exclusivity, void* waiter_to_skip) {
  if (tables() == nullptr) {
    return WEFT_REAL_KJ(void(void*, int, void*), WEFT_KJ_UNLOCK)(self, exclusivity, waiter_to_skip);
  }
  const weft_section weft;
  kj_mutex(self).release(location::caller(WEFT_PC));
}

#define WEFT_KJ_WAIT "_ZN2kj1_5Mutex4waitERNS1_9PredicateENS_5MaybeINS_8QuantityIlNS0_15NanosecondLabelEEEEENS_18NoopSourceLocationE"
WEFT_KJ_ENTRY(void, kj_mutex_wait, WEFT_KJ_WAIT, void* self, kj_predicate* predicate,
              const kj_maybe_duration* timeout) {
  if (tables() == nullptr) {
    return WEFT_REAL_KJ(void(void*, kj_predicate*, const kj_maybe_duration*), WEFT_KJ_WAIT)(self, predicate, timeout);
  }
  const weft_section weft;
  kj_mutex(self).await(
      [predicate] {
        const program_section program;
        return predicate->check();
      },
      deadline_after(timeout), location::caller(WEFT_PC));
}

// ~Mutex: a later mutex at this address (a stack frame's) is a new one.
#define WEFT_KJ_MUTEX_DESTRUCTOR(name, symbol)                                   \
  WEFT_KJ_ENTRY(void, name, symbol, void* self) {                                \
    if (tables() != nullptr) {                                                   \
      const weft_section weft;                                                   \
      sync_object_access(current_tables(), self, true, location::caller(WEFT_PC)); \
      on_destroy_mutex(kj_mutex(self).lock);                                     \
      forget(self, 1);                                                           \
    }                                                                            \
    WEFT_REAL_KJ(void(void*), symbol)(self);                                     \
  }
WEFT_KJ_MUTEX_DESTRUCTOR(kj_mutex_destroy_complete, "_ZN2kj1_5MutexD1Ev")
WEFT_KJ_MUTEX_DESTRUCTOR(kj_mutex_destroy_base, "_ZN2kj1_5MutexD2Ev")

#define WEFT_KJ_RUN_ONCE "_ZN2kj1_4Once7runOnceERNS1_11InitializerENS_18NoopSourceLocationE"
WEFT_KJ_ENTRY(void, kj_once_run_once, WEFT_KJ_RUN_ONCE, void* self, kj_initializer* init) {
  if (tables() == nullptr) return WEFT_REAL_KJ(void(void*, kj_initializer*), WEFT_KJ_RUN_ONCE)(self, init);
  bool ran = false;
  {
    const weft_section weft;
    ran = run_once(
        once_at(current_tables(), self), "kj::_::Once::runOnce",
        [init] {
          const program_section program;  // the initializer is the program's code
          init->run();
        },
        location::caller(WEFT_PC));
  }
  // Stored outside weft's section, as the program's own atomic store is (a
  // caller that reads the old word still finds the flag done).
  if (ran) atomic_exchange_for(once_word(self), once_initialized, __ATOMIC_RELEASE, WEFT_PC);
}

#define WEFT_KJ_ONCE_RESET "_ZN2kj1_4Once5resetEv"
WEFT_KJ_ENTRY(void, kj_once_reset, WEFT_KJ_ONCE_RESET, void* self) {
  if (tables() == nullptr) return WEFT_REAL_KJ(void(void*), WEFT_KJ_ONCE_RESET)(self);
  {
    const weft_section weft;
    once_at(current_tables(), self).done = false;
  }
  atomic_exchange_for(once_word(self), std::int32_t{0}, __ATOMIC_RELEASE, WEFT_PC);
}
