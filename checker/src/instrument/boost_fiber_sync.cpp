// Boost.Fiber (libboost_fiber, Debian's 1.74) inside an execution of weft
// exec: the hand-overs its compiled code makes with atomics the
// instrumentation never sees, the spins it makes where weft cannot switch,
// and its fibers' waits on each other.
//
// A fiber's channels and condition variables are templates in the program
// (instrumented), but a fiber that waits hands their spinlock to
// context::suspend or context::wait_until, and the library releases it
// after the switch to the next fiber. weft did not see that unlock, so the
// next thread to take the spinlock was unordered with everything the
// waiter did under it: a correct program of fibers on two threads that
// pass values through a buffered_channel was a data race at execution 1.
// The fiber mutexes (mutex, timed_mutex, recursive_mutex,
// recursive_timed_mutex), the barrier, and the scheduler's queues that
// move a fiber from one thread to another (a wake-up from another thread,
// the work_stealing and shared_work algorithms) are the library's code
// too. So these entry points are defined here, by their symbols, and make
// the edges the library's own atomics make:
// - suspend(lk) and wait_until(t, lk) store the spinlock's "unlocked"
//   with release, as the program's inline unlock does, before the real
//   call (no other thread runs between that store and the library's own);
// - a mutex's unlock releases into the clock kept at the mutex's address
//   and a lock or a try_lock that took it acquires from it; the barrier's
//   wait does both;
// - a fiber is an object too: a switch from the running fiber to another
//   (the three context::resume) releases into the running one's clock and
//   acquires the next one's; attaching a new fiber, scheduling one (waking
//   it, maybe from another thread) and a fiber's end release into its
//   clock, and a join acquires from the joined one's.
//
// The library's spinlocks spin without a call weft follows (no yield): a
// thread that holds one must not be left at a scheduling point while
// another thread spins on it, which would spin for ever. A thread holding
// a spinlock the program took inline, or inside the library's scheduling of
// a woken fiber and its algorithm's suspend_until and notify (where the
// library holds its own), runs on (logical_thread::library_spinlocks). The
// work_stealing and shared_work algorithms, made without `suspend`, poll
// for work in a loop of the library's: each poll yields first.
//
// A fiber mutex's lock, try_lock and unlock are scheduling points (the
// library has none), and weft keeps which thread's fiber holds each and
// which threads' fibers wait for which: when no thread can run because
// every scheduler waits for a ready fiber, the deadlock detector follows
// those waits (library_waits) and reports the cycle at the program's locks.
//
// Outside an execution the real functions run untouched. Other versions of
// Boost.Fiber (another soname, or a spinlock type other than spinlock_ttas)
// keep the real entry points, and their hand-overs stay unseen.
#include <sched.h>

#include <array>
#include <vector>
#include <cstdint>

#include "../runtime/execution.hpp"
#include "../runtime/symbolize.hpp"
#include "address_objects.hpp"
#include "boost_fiber.hpp"
#include "interpose.hpp"
#include "library_code.hpp"

namespace weft::detail::instrument {
namespace {

/// The real entry point `symbol` (libboost_fiber's), resolved on first use.
#define WEFT_REAL_FIBER(type, symbol) WEFT_REAL_SYMBOL(type, symbol, "libboost_fiber.so.1.74.0")

/// std::unique_lock<boost::fibers::detail::spinlock_ttas> as laid out by
/// libstdc++: the spinlock, then whether the lock holds it.
struct spinlock_lock {
  volatile std::int32_t* spinlock;  // spinlock_ttas's only member, its std::atomic<spinlock_status>
  bool owns;
};
/// spinlock_status::unlocked (locked is 0).
constexpr std::int32_t spinlock_unlocked = 1;

/// libboost_fiber's code, looked up on first use (find_fiber_code, before
/// the executions fork).
const library_code& fiber_code() noexcept {
  static const library_code code = [] {
    static constexpr const char* names[] = {"/libboost_fiber.so", nullptr};
    return library_code::of(names);
  }();
  return code;
}

/// Whether the program's atomic operation at `pc` is spinlock_ttas's,
/// inlined from Boost.Fiber's header (its debug information says so),
/// cached by call site.
bool in_fiber_spinlock(const void* pc) noexcept {
  if (!fiber_code().found()) return false;
  struct entry {
    const void* pc = nullptr;
    bool spinlock = false;
  };
  static std::array<entry, 64> cache{};
  entry& e = cache[(reinterpret_cast<std::uintptr_t>(pc) >> 2) % cache.size()];
  if (e.pc != pc) e = {pc, inlined_from(pc, "boost/fiber/detail/spinlock_ttas.hpp")};
  return e.spinlock;
}

/// The threads between a suspend(lk) or wait_until(t, lk) and the switch
/// (resume(lk)) after which the library lets lk go, by thread id, in the
/// execution `generation` (execution::generation).
struct suspending_threads {
  std::uint64_t generation = 0;
  std::vector<bool> by_id;
};
std::vector<bool>& suspending() {
  static suspending_threads s;
  if (const std::uint64_t now = exec().generation(); s.generation != now) s = {now, {}};
  return s.by_id;
}

/// A suspend(lk) or wait_until(t, lk) called from `pc`: the thread holds
/// lk's spinlock until its switch (library_spinlocks: the library may lock a
/// std::mutex on the way, in its algorithm's pick_next). When the program
/// took the spinlock (inline, counted already), its unlock is stored first,
/// with release, as the program's own unlock is: the library's own comes
/// after the switch, unseen. The library's own spinlocks (its mutexes' and
/// barriers') stay its own.
void suspending_with(spinlock_lock* lk, const void* pc) {
  if (tables() == nullptr || lk->spinlock == nullptr || !lk->owns) return;
  if (fiber_code().holds(pc)) {
    exec().hold_library_spinlock();
  } else {
    atomic_store_for(lk->spinlock, spinlock_unlocked, __ATOMIC_RELEASE, pc);
  }
  const weft_section weft;
  const std::uint32_t me = exec().self().id;
  std::vector<bool>& by_id = suspending();
  if (by_id.size() <= me) by_id.resize(me + 1);
  by_id[me] = true;
}

/// The switch of a suspending thread (resume(lk)): lk's spinlock is let go
/// here, just before it (the library's own store after it finds it so), so
/// the thread no longer holds it when it runs on in another fiber.
void switching_unlocking(spinlock_lock* lk) {
  if (tables() == nullptr) return;
  {
    const weft_section weft;
    const std::uint32_t me = exec().self().id;
    std::vector<bool>& by_id = suspending();
    if (me >= by_id.size() || !by_id[me]) return;
    by_id[me] = false;
  }
  if (lk->spinlock != nullptr) __atomic_store_n(lk->spinlock, spinlock_unlocked, __ATOMIC_RELEASE);
  exec().let_go_library_spinlock();
}

#define WEFT_FIBER_ACTIVE "_ZN5boost6fibers7context6activeEv"
/// The running fiber's context (context::active(); the library has made it
/// by the time a switch happens).
void* active_fiber() { return WEFT_REAL_FIBER(void*(), WEFT_FIBER_ACTIVE)(); }

/// A switch from the running fiber to `next`.
void switching_to(void* next) {
  if (tables() == nullptr) return;
  release_at(active_fiber());
  acquire_at(next);
}

/// `real()`, the library's code that runs holding spinlocks of its own:
/// inside an execution the thread runs on through it (library_spinlocks).
template <class Real>
auto holding_spinlocks(Real real) {
  if (tables() == nullptr) return real();
  exec().hold_library_spinlock();
  struct let_go {
    ~let_go() { exec().let_go_library_spinlock(); }
  } after;
  return real();
}

}  // namespace

void find_fiber_code() noexcept {
  if (fiber_code().found()) follow_fiber_mutex_waits();
}

void note_fiber_spinlock_taken(const void* pc) noexcept {
  if (in_fiber_spinlock(pc)) exec().hold_library_spinlock();
}

void note_fiber_spinlock_released(const void* pc) noexcept {
  if (in_fiber_spinlock(pc)) exec().let_go_library_spinlock();
}

}  // namespace weft::detail::instrument

using namespace weft::detail;
using namespace weft::detail::instrument;

// The definitions, by the library's symbols (`self` is `this`).
#define WEFT_FIBER_ENTRY WEFT_SYMBOL_ENTRY

/// steady_clock::time_point, passed by reference.
struct fiber_time_point;

#define WEFT_FIBER_SUSPEND "_ZN5boost6fibers7context7suspendERSt11unique_lockINS0_6detail13spinlock_ttasEE"
WEFT_FIBER_ENTRY(void, fiber_suspend_unlocking, WEFT_FIBER_SUSPEND, void* self, spinlock_lock* lk) {
  suspending_with(lk, WEFT_PC);
  WEFT_REAL_FIBER(void(void*, spinlock_lock*), WEFT_FIBER_SUSPEND)(self, lk);
}

#define WEFT_FIBER_WAIT_UNTIL                                                                                     \
  "_ZN5boost6fibers7context10wait_untilERKNSt6chrono10time_pointINS2_3_V212steady_clockENS2_8durationIlSt5ratioIL" \
  "l1ELl1000000000EEEEEERSt11unique_lockINS0_6detail13spinlock_ttasEE"
WEFT_FIBER_ENTRY(bool, fiber_wait_until_unlocking, WEFT_FIBER_WAIT_UNTIL, void* self, const fiber_time_point* t,
                 spinlock_lock* lk) {
  suspending_with(lk, WEFT_PC);
  return WEFT_REAL_FIBER(bool(void*, const fiber_time_point*, spinlock_lock*), WEFT_FIBER_WAIT_UNTIL)(self, t, lk);
}

// The three switches: context::resume() (to `self`), resume(context*) (to
// `self`, scheduling the other after the switch) and resume(lk) (to `self`,
// unlocking after the switch; suspend(lk) stored the unlock already).
#define WEFT_FIBER_RESUME "_ZN5boost6fibers7context6resumeEv"
WEFT_FIBER_ENTRY(void, fiber_resume, WEFT_FIBER_RESUME, void* self) {
  switching_to(self);
  WEFT_REAL_FIBER(void(void*), WEFT_FIBER_RESUME)(self);
}
#define WEFT_FIBER_RESUME_SCHEDULING "_ZN5boost6fibers7context6resumeEPS1_"
WEFT_FIBER_ENTRY(void, fiber_resume_scheduling, WEFT_FIBER_RESUME_SCHEDULING, void* self, void* ready) {
  switching_to(self);
  WEFT_REAL_FIBER(void(void*, void*), WEFT_FIBER_RESUME_SCHEDULING)(self, ready);
}
#define WEFT_FIBER_RESUME_UNLOCKING "_ZN5boost6fibers7context6resumeERSt11unique_lockINS0_6detail13spinlock_ttasEE"
WEFT_FIBER_ENTRY(void, fiber_resume_unlocking, WEFT_FIBER_RESUME_UNLOCKING, void* self, spinlock_lock* lk) {
  switching_to(self);
  switching_unlocking(lk);
  WEFT_REAL_FIBER(void(void*, spinlock_lock*), WEFT_FIBER_RESUME_UNLOCKING)(self, lk);
}

// Attaching a new fiber, scheduling one and a fiber's end hand it over
// (release into its clock); a join takes a finished fiber's work (acquire
// from it).
#define WEFT_FIBER_ATTACH "_ZN5boost6fibers7context6attachEPS1_"
WEFT_FIBER_ENTRY(void, fiber_attach, WEFT_FIBER_ATTACH, void* self, void* ctx) {
  release_at(ctx);
  WEFT_REAL_FIBER(void(void*, void*), WEFT_FIBER_ATTACH)(self, ctx);
}

// The library schedules a woken fiber while it holds the spinlock of what
// woke it (a condition variable's notify, a mutex's unlock, a fiber's end),
// and scheduling one of another thread notifies that thread's scheduler
// through a std::mutex: a scheduling point where another thread would spin
// on the held spinlock inside the library. The thread runs on through it
// (logical_thread::library_spinlocks); scheduling never switches fibers.
#define WEFT_FIBER_SCHEDULE "_ZN5boost6fibers7context8scheduleEPS1_"
WEFT_FIBER_ENTRY(void, fiber_schedule, WEFT_FIBER_SCHEDULE, void* self, void* ctx) {
  release_at(ctx);
  holding_spinlocks([&] { WEFT_REAL_FIBER(void(void*, void*), WEFT_FIBER_SCHEDULE)(self, ctx); });
}

// terminate() returns a boost::context::fiber, which is not trivially
// copyable: the caller passes where to build it first, ahead of `this`, and
// gets that address back.
#define WEFT_FIBER_TERMINATE "_ZN5boost6fibers7context9terminateEv"
WEFT_FIBER_ENTRY(void*, fiber_terminate, WEFT_FIBER_TERMINATE, void* returned_fiber, void* self) {
  release_at(self);
  return WEFT_REAL_FIBER(void*(void*, void*), WEFT_FIBER_TERMINATE)(returned_fiber, self);
}
#define WEFT_FIBER_JOIN "_ZN5boost6fibers7context4joinEv"
WEFT_FIBER_ENTRY(void, fiber_join, WEFT_FIBER_JOIN, void* self) {
  WEFT_REAL_FIBER(void(void*), WEFT_FIBER_JOIN)(self);
  acquire_at(self);
}

#define WEFT_FIBER_BARRIER_WAIT "_ZN5boost6fibers7barrier4waitEv"
WEFT_FIBER_ENTRY(bool, fiber_barrier_wait, WEFT_FIBER_BARRIER_WAIT, void* self) {
  release_at(self);
  const bool last = WEFT_REAL_FIBER(bool(void*), WEFT_FIBER_BARRIER_WAIT)(self);
  acquire_at(self);
  return last;
}

// A fiber mutex `kind` (its length-prefixed name in the symbols): lock,
// try_lock and unlock, each a scheduling point first (the library's code
// has none: two fibers on two threads taking two mutexes in opposite
// orders would never interleave between their two locks).
#define WEFT_FIBER_MUTEX(kind)                                                                           \
  WEFT_FIBER_ENTRY(void, fiber_##kind##_lock, "_ZN5boost6fibers" #kind "4lockEv", void* self) {          \
    library_point("boost::fibers::mutex::lock", WEFT_PC);                                                \
    const std::uint32_t waited_on = wants_fiber_mutex(self, WEFT_PC);                                     \
    WEFT_REAL_FIBER(void(void*), "_ZN5boost6fibers" #kind "4lockEv")(self);                              \
    took_fiber_mutex(self, waited_on);                                                                   \
    acquire_at(self);                                                                                    \
  }                                                                                                      \
  WEFT_FIBER_ENTRY(bool, fiber_##kind##_try_lock, "_ZN5boost6fibers" #kind "8try_lockEv", void* self) {  \
    library_point("boost::fibers::mutex::try_lock", WEFT_PC);                                            \
    const bool taken = WEFT_REAL_FIBER(bool(void*), "_ZN5boost6fibers" #kind "8try_lockEv")(self);       \
    if (taken) {                                                                                         \
      took_fiber_mutex(self, no_thread);                                                                 \
      acquire_at(self);                                                                                  \
    }                                                                                                    \
    return taken;                                                                                        \
  }                                                                                                      \
  WEFT_FIBER_ENTRY(void, fiber_##kind##_unlock, "_ZN5boost6fibers" #kind "6unlockEv", void* self) {      \
    library_point("boost::fibers::mutex::unlock", WEFT_PC);                                              \
    let_go_fiber_mutex(self);                                                                            \
    release_at(self);                                                                                    \
    WEFT_REAL_FIBER(void(void*), "_ZN5boost6fibers" #kind "6unlockEv")(self);                            \
  }
WEFT_FIBER_MUTEX(5mutex)
WEFT_FIBER_MUTEX(11timed_mutex)
WEFT_FIBER_MUTEX(15recursive_mutex)
WEFT_FIBER_MUTEX(21recursive_timed_mutex)

// The timed mutexes' try_lock_until (try_lock_for calls it).
#define WEFT_FIBER_TRY_LOCK_UNTIL(kind)                                                                          \
  WEFT_FIBER_ENTRY(bool, fiber_##kind##_try_lock_until,                                                          \
                   "_ZN5boost6fibers" #kind "15try_lock_until_ERKNSt6chrono10time_pointINS2_3_V212steady_"       \
                   "clockENS2_8durationIlSt5ratioILl1ELl1000000000EEEEEE",                                       \
                   void* self, const fiber_time_point* t) {                                                      \
    const bool taken = WEFT_REAL_FIBER(bool(void*, const fiber_time_point*),                                     \
                                       "_ZN5boost6fibers" #kind "15try_lock_until_ERKNSt6chrono10time_pointINS2_3_" \
                                       "V212steady_clockENS2_8durationIlSt5ratioILl1ELl1000000000EEEEEE")(self, t); \
    if (taken) {                                                                                                 \
      took_fiber_mutex(self, no_thread);                                                                         \
      acquire_at(self);                                                                                          \
    }                                                                                                            \
    return taken;                                                                                                \
  }
WEFT_FIBER_TRY_LOCK_UNTIL(11timed_mutex)
WEFT_FIBER_TRY_LOCK_UNTIL(21recursive_timed_mutex)

// The scheduling algorithms: a thread with no fiber to run waits in
// suspend_until (round_robin, and work_stealing and shared_work made with
// `suspend`, on a std::mutex and std::condition_variable of the
// algorithm's), and another thread's wake-up calls notify; shared_work's
// pick_next and awakened lock a std::mutex of its queue. The library calls
// them holding spinlocks (a suspending fiber's, a fibers::mutex's, a
// condition variable's). Inside each the thread runs on
// (library_spinlocks): none is left holding the std::mutex at a scheduling
// point, so none blocks on it with a spinlock held while another thread
// spins on that.
// work_stealing and shared_work made without `suspend` (their default) do
// not wait at all when a thread has no fiber to run: the dispatcher polls
// the other threads' queues in a loop of the library's own, which reaches
// no scheduling point, and weft would let that thread spin alone forever.
// Each poll gives way first, as sched_yield does.
#define WEFT_FIBER_ALGO_SUSPEND_UNTIL(kind)                                                                   \
  "_ZN5boost6fibers4algo" #kind "13suspend_untilERKNSt6chrono10time_pointINS3_3_V212steady_clockENS3_8durationIl" \
  "St5ratioILl1ELl1000000000EEEEEE"
#define WEFT_FIBER_ALGO_PICK_NEXT(kind) "_ZN5boost6fibers4algo" #kind "9pick_nextEv"
#define WEFT_FIBER_ALGO_AWAKENED(kind) "_ZN5boost6fibers4algo" #kind "8awakenedEPNS0_7contextE"
#define WEFT_FIBER_ALGO_NOTIFY(kind) "_ZN5boost6fibers4algo" #kind "6notifyEv"
#define WEFT_FIBER_ALGORITHM(name, kind)                                                                    \
  WEFT_FIBER_ENTRY(void, name##_suspend_until, WEFT_FIBER_ALGO_SUSPEND_UNTIL(kind), void* self,             \
                   const fiber_time_point* t) {                                                             \
    const auto real = WEFT_REAL_FIBER(void(void*, const fiber_time_point*), WEFT_FIBER_ALGO_SUSPEND_UNTIL(kind)); \
    if (tables() != nullptr) ::sched_yield();                                                               \
    holding_spinlocks([&] {                                                                                 \
      scheduler_idle(true);                                                                                 \
      real(self, t);                                                                                        \
      scheduler_idle(false);                                                                                \
    });                                                                                                     \
  }                                                                                                         \
  WEFT_FIBER_ENTRY(void*, name##_pick_next, WEFT_FIBER_ALGO_PICK_NEXT(kind), void* self) {                  \
    return holding_spinlocks([&] { return WEFT_REAL_FIBER(void*(void*), WEFT_FIBER_ALGO_PICK_NEXT(kind))(self); }); \
  }                                                                                                         \
  WEFT_FIBER_ENTRY(void, name##_awakened, WEFT_FIBER_ALGO_AWAKENED(kind), void* self, void* ctx) {          \
    holding_spinlocks([&] { WEFT_REAL_FIBER(void(void*, void*), WEFT_FIBER_ALGO_AWAKENED(kind))(self, ctx); }); \
  }                                                                                                         \
  WEFT_FIBER_ENTRY(void, name##_notify, WEFT_FIBER_ALGO_NOTIFY(kind), void* self) {                         \
    holding_spinlocks([&] { WEFT_REAL_FIBER(void(void*), WEFT_FIBER_ALGO_NOTIFY(kind))(self); });           \
  }
WEFT_FIBER_ALGORITHM(fiber_round_robin, 11round_robin)
WEFT_FIBER_ALGORITHM(fiber_work_stealing, 13work_stealing)
WEFT_FIBER_ALGORITHM(fiber_shared_work, 11shared_work)
