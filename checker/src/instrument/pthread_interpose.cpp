// The threading API an instrumented program calls, interposed: definitions in
// the executable (exported with -rdynamic) come before libc's, for the
// program's own calls and for libstdc++'s (std::thread, std::condition_variable,
// std::call_once, std::shared_mutex call these). Inside a checked execution
// each becomes the weft operation (a logical thread, a checked mutex, ...);
// outside one each calls the real function (dlsym RTLD_NEXT).
//
// Covered: pthread_create/join (try, timed, clock)/detach/exit/self, the
// destructors of pthread_key_create's keys at a thread's end, mutexes
// (normal, recursive, errorcheck; trylock, timedlock, clocklock), rwlocks
// (try, timed and clock locks too), spinlocks, barriers, condition
// variables (wait, timedwait, clockwait, signal, broadcast), pthread_once,
// sem_* (clockwait too), gettid (one id per logical thread), sched_yield,
// nanosleep/clock_nanosleep/usleep/sleep and clock_gettime (logical time;
// timerfds in timer_fds.cpp), and futex waits
// and wakes through syscall() (std::atomic::wait and notify,
// std::counting_semaphore, std::latch, std::barrier). The other calls that
// take a thread's handle are in thread_handles.cpp.
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <sys/single_threaded.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cstdarg>
#include <cstdint>
#include <map>
#include <string_view>
#include <utility>
#include <vector>

#include "../runtime/execution.hpp"
#include "address_objects.hpp"
#include "interpose.hpp"
#include "../runtime/stack_walk.hpp"

namespace weft::detail::instrument {

thread_local const void* wrapper_caller = nullptr;
thread_local const void* serving_call = nullptr;

namespace {

/// The call site of the hook that returns to `pc`, or the program's call
/// of the wrapper that called the hook (wrapper_caller).
const void* call_site(const void* pc) {
  const void* wrapper = std::exchange(wrapper_caller, nullptr);
  return wrapper != nullptr ? wrapper : pc;
}

location here(const void* pc) { return location::caller(call_site(pc)); }
#define WEFT_HERE here(__builtin_return_address(0))


/// Where the program called, as a return address: the call that returns to
/// `hook_return`, or, when that is inside a system library (std::thread's
/// constructor and join() call pthread_create and pthread_join from
/// libstdc++, QThread::wait from Qt), the program's call the library serves
/// (serving_call) or else the first call on the stack above it made from the
/// program's code. So a thread's start and a join name the line that wrote
/// them, not "libstdc++.so.6:0". The stack is walked only for such calls,
/// which are rare (a thread's start and end).
const void* program_return_address(const void* hook_return) {
  const void* pc = call_site(hook_return);
  if (!in_system_library(pc)) return pc;
  // A library serving the program's call (interpose.hpp); when a library
  // made that call (QtConcurrent's engine starting more of its pool's
  // threads), that library's place.
  if (serving_call != nullptr) return serving_call;
  const void* found = nullptr;
  walk_stack(
      [&found](const void* at) {
        if (in_system_library(at)) return false;
        found = at;
        return true;
      },
      pc);
  return found != nullptr ? found : pc;
}
}  // namespace

location program_call_site(const void* hook_return) { return location::caller(program_return_address(hook_return)); }
namespace {
#define WEFT_PROGRAM_CALL_SITE program_call_site(__builtin_return_address(0))

/// A spinlock (a volatile int) as the address its state is kept under.
const void* spin_key(pthread_spinlock_t* l) { return const_cast<int*>(l); }

/// glibc's mutex kind (PTHREAD_MUTEX_RECURSIVE_NP, ...) as the initializer or
/// pthread_mutex_init left it in the mutex.
int kind_of(const pthread_mutex_t* m) { return m->__data.__kind & 3; }

/// Whether pthread_mutex_init made it robust: glibc's
/// PTHREAD_MUTEX_ROBUST_NORMAL_NP bit of the kind (internal to glibc; the
/// exec tests' robust programs check it stays so).
bool is_robust(const pthread_mutex_t* m) {
  constexpr int glibc_robust_bit = 16;
  return (m->__data.__kind & glibc_robust_bit) != 0;
}

}  // namespace

// The clocks the program reads (clock_gettime): real at the execution's
// start, then logical time (sleeps, timeouts and the reads themselves
// advance it: execution::clock_read).
bool is_realtime(clockid_t clock) {
  return clock == CLOCK_REALTIME || clock == CLOCK_REALTIME_COARSE || clock == CLOCK_TAI;
}
bool is_logical(clockid_t clock) {
  return is_realtime(clock) || clock == CLOCK_MONOTONIC || clock == CLOCK_MONOTONIC_RAW ||
         clock == CLOCK_MONOTONIC_COARSE || clock == CLOCK_BOOTTIME;
}

timespec program_clock(clockid_t clock) {
  address_tables& kept = current_tables();
  if (!kept.clocks_started) {
    kept.clocks_started = true;
    ::clock_gettime(CLOCK_REALTIME, &kept.realtime);
    ::clock_gettime(CLOCK_MONOTONIC, &kept.monotonic);
  }
  const timespec start = is_realtime(clock) ? kept.realtime : kept.monotonic;
  const auto since = std::chrono::duration_cast<std::chrono::nanoseconds>(logical_now().time_since_epoch()).count();
  const long long ns = static_cast<long long>(start.tv_nsec) + since % 1'000'000'000;
  timespec t{};
  t.tv_sec = start.tv_sec + since / 1'000'000'000 + ns / 1'000'000'000;
  t.tv_nsec = ns % 1'000'000'000;
  return t;
}

weft::time_point logical_deadline(clockid_t clock, const timespec* abstime) {
  const timespec now = program_clock(is_logical(clock) ? clock : CLOCK_MONOTONIC);
  const auto left = std::chrono::seconds(abstime->tv_sec - now.tv_sec) + std::chrono::nanoseconds(abstime->tv_nsec - now.tv_nsec);
  return logical_now() + std::chrono::duration_cast<weft::clock::duration>(std::max(left, decltype(left)::zero()));
}

weft::clock::duration duration_of(const timespec& t) {
  return std::chrono::duration_cast<weft::clock::duration>(std::chrono::seconds(t.tv_sec) +
                                                           std::chrono::nanoseconds(t.tv_nsec));
}

bool wait_on(cv_state& cv, mutex_state& lock, const weft::time_point* deadline, const location& where) {
  cv_wait_begin(cv, where);
  mutex_unlock(lock, where);
  const bool in_time = cv_wait_block(cv, deadline, where);
  mutex_lock(lock, where);
  return in_time;
}

namespace {

// The clock pthread_condattr_setclock gave `c` at pthread_cond_init, which
// pthread_cond_timedwait's deadline is on. glibc (2.25 on) keeps it in the
// condition variable itself: bit 1 of __data.__wrefs
// (__PTHREAD_COND_CLOCK_MONOTONIC_MASK, nptl/pthread_cond_init.c), written
// by the real pthread_cond_init (weft's passes the attributes on) and never
// by weft's wait. PTHREAD_COND_INITIALIZER leaves it clear: the realtime clock.
clockid_t clock_of(const pthread_cond_t* c) {
  constexpr unsigned monotonic_mask = 2;
  return (__atomic_load_n(&c->__data.__wrefs, __ATOMIC_RELAXED) & monotonic_mask) != 0 ? CLOCK_MONOTONIC
                                                                                          : CLOCK_REALTIME;
}

/// Whether a call that returns to `pc` uses a synchronisation object the
/// program owns: a call from its own code, or from libstdc++'s thin wrappers
/// (std::mutex, std::condition_variable...). Another system library's own
/// objects are ordered by what weft does not see inside it (Qt's, GLib's):
/// their uses are not checked, as ThreadSanitizer ignores interceptors
/// called from uninstrumented modules. Cached by call site.
bool program_owned_call(const void* pc) {
  // libstdc++'s code (std::condition_variable's) serving an opaque library
  // (Boost.Fiber's scheduler notifying another thread's) is that library's
  // use; only for such a call is the stack walked, never cached.
  if (opaque_library_loaded() && called_for_opaque_library(pc)) return false;
  struct entry {
    const void* pc = nullptr;
    bool owned = false;
  };
  static std::array<entry, 256> cache{};
  entry& e = cache[(reinterpret_cast<std::uintptr_t>(pc) >> 2) % cache.size()];
  if (e.pc != pc) {
    Dl_info module{};
    const bool std_library = ::dladdr(pc, &module) != 0 && module.dli_fname != nullptr &&
                             std::string_view(module.dli_fname).find("/libstdc++.so") != std::string_view::npos;
    e = {pc, std_library || !in_system_library(pc)};
  }
  return e.owned;
}

/// The program's call at `where` (returning to `pc`) operates on (reads) or
/// destroys (writes) the synchronisation object at `object`
/// (sync_object_access), when the program owns it.
void touch(const volatile void* object, bool destroys, const location& where, const void* pc) {
  if (!program_owned_call(pc)) return;
  const weft_section weft;
  sync_object_access(current_tables(), object, destroys, where);
}
#define WEFT_TOUCH(object, destroys, where) touch(object, destroys, where, __builtin_return_address(0))

/// The checked state of a pthread mutex, of the kind glibc gave it, robust
/// or not.
mutex_state& mutex_of(pthread_mutex_t* m) {
  mutex_state& s = mutex_at(current_tables(), m,
                            kind_of(m) == PTHREAD_MUTEX_RECURSIVE ? object_kind::recursive_mutex : object_kind::mutex);
  s.robust = is_robust(m);
  return s;
}

// Robust mutexes (pthread_mutexattr_setrobust): a thread that ends holding
// one does not leave it locked for ever, as it does a plain one (a
// `misuse/held_at_end` finding); it is released, and the next thread to lock
// it gets it with EOWNERDEAD, repairs what it guards and calls
// pthread_mutex_consistent before its unlock, or the mutex is unusable from
// then on (ENOTRECOVERABLE). The main thread's too, when it ends with
// pthread_exit (thread_exit_work).
using owner_death = mutex_state::owner_death;

/// Before a lock of `s`: ENOTRECOVERABLE when a robust mutex can never be
/// locked again, 0 otherwise.
int robust_refused(const mutex_state& s) {
  return s.robust && s.death == owner_death::unrecoverable ? ENOTRECOVERABLE : 0;
}

/// After a lock of `s` was taken: EOWNERDEAD when it is a robust mutex whose
/// owner ended holding it (it is the caller's now, inconsistent), and
/// ENOTRECOVERABLE, the lock given back, when it became unusable while the
/// caller waited; 0 otherwise.
int robust_taken(mutex_state& s, const location& where) {
  if (!s.robust) return 0;
  if (s.death == owner_death::unrecoverable) {
    mutex_unlock(s, where);
    return ENOTRECOVERABLE;
  }
  if (s.death != owner_death::died) return 0;
  s.death = owner_death::inconsistent;
  return EOWNERDEAD;
}

/// Before the unlock of `s` by its owner: a robust mutex unlocked
/// inconsistent (its last level) can never be locked again.
void robust_unlocking(mutex_state& s) {
  if (s.robust && s.death == owner_death::inconsistent && s.recursion <= 1) s.death = owner_death::unrecoverable;
}

/// The current thread ends: the robust mutexes it holds are released, for
/// the next taker to get with EOWNERDEAD.
void release_robust_mutexes() {
  const weft_section weft;
  const std::uint32_t me = current_thread_id();
  std::vector<std::uintptr_t> held;
  for (const auto& [address, s] : current_tables().mutexes) {
    if (s.robust && s.owner == me) held.push_back(address);
  }
  // Looked up again after each unlock: other threads run at its scheduling
  // point, and may make or forget mutexes meanwhile.
  for (const std::uintptr_t address : held) {
    for (;;) {
      const auto it = current_tables().mutexes.find(address);
      if (it == current_tables().mutexes.end() || it->second.owner != me) break;
      mutex_state& s = it->second;
      s.death = owner_death::died;  // before the release: a waiter may take it at once
      mutex_unlock(s, s.acquired_at);
    }
  }
}

/// The checked state of a pthread rwlock; its readers wait behind a waiting
/// writer when glibc's attributes (or initializer) said writers go first.
mutex_state& rwlock_of(pthread_rwlock_t* l) {
  mutex_state& s = mutex_at(current_tables(), l, object_kind::shared_mutex);
  s.writers_first = l->__data.__flags == PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP;
  return s;
}

int cond_wait_at(pthread_cond_t* c, pthread_mutex_t* m, const weft::time_point* deadline, const location& where) {
  cv_state& cv = cv_at(current_tables(), c);
  const bool in_time = wait_on(cv, mutex_of(m), deadline, where);
  // Cancelled in the wait (pthread_cancel.cpp), with the mutex taken back: a
  // notify it may have taken goes on to the other waiters, as glibc's
  // cancelled wait wakes them all.
  if (thread_interrupted(false)) cv_notify(cv, true, where);
  return in_time ? 0 : ETIMEDOUT;
}

/// sem_timedwait and sem_clockwait of a checked semaphore: 0, or -1 with
/// errno ETIMEDOUT.
int sem_wait_until(semaphore_state& sem, clockid_t clock, const timespec* abstime, const location& where) {
  const int acquired = cancellable([&] {
    const weft::time_point deadline = logical_deadline(clock, abstime);
    return semaphore_acquire(sem, &deadline, false, where) ? 1 : 0;
  });
  if (acquired != 0) return 0;
  errno = ETIMEDOUT;
  return -1;
}

/// A semaphore sem_init made inside this execution, when the program calls;
/// null otherwise (the real one).
semaphore_state* checked_semaphore(sem_t* s) {
  address_tables* t = tables();
  return t == nullptr ? nullptr : semaphore_at(*t, s);
}

/// pthread_timedjoin_np and pthread_clockjoin_np: the deadline is logical
/// time, so it passes first or the thread ends first, as the schedule says.
int join_by(pthread_t thread, void** retval, clockid_t clock, const timespec* abstime, const location& where) {
  if (id_of(thread) == current_thread_id()) return EDEADLK;
  if (abstime == nullptr || abstime->tv_nsec < 0 || abstime->tv_nsec >= 1'000'000'000) return EINVAL;
  if (!thread_join_until(id_of(thread), logical_deadline(clock, abstime), where)) return ETIMEDOUT;
  if (retval != nullptr) *retval = thread_result(current_tables(), id_of(thread));
  return 0;
}

/// A timed lock (pthread_mutex_timedlock, the rwlocks' timed and clock ones).
template <class TryLock>
int lock_by(TryLock try_lock, clockid_t clock, const timespec* abstime, const location& where) {
  return lock_until(try_lock, logical_deadline(clock, abstime), where) ? 0 : ETIMEDOUT;
}

int mutex_lock_by(pthread_mutex_t* m, clockid_t clock, const timespec* abstime, const location& where) {
  mutex_state& s = mutex_of(m);
  if (kind_of(m) == PTHREAD_MUTEX_ERRORCHECK && s.owner == current_thread_id()) return EDEADLK;
  if (const int refused = robust_refused(s)) return refused;
  const int rc = lock_by([&] { return mutex_try_lock(s, where); }, clock, abstime, where);
  return rc != 0 ? rc : robust_taken(s, where);
}

int rwlock_lock_by(pthread_rwlock_t* l, bool shared, clockid_t clock, const timespec* abstime, const location& where) {
  mutex_state& s = rwlock_of(l);
  if (s.owner == current_thread_id()) return EDEADLK;
  return lock_by([&] { return shared ? mutex_try_lock_shared(s, where) : mutex_try_lock(s, where); }, clock, abstime,
                 where);
}

// pthread_key_create's destructors, by key. glibc runs them when a real
// thread exits; a logical thread ends inside weft, so weft runs them
// (run_key_destructors), as glibc does: a value is cleared before its
// destructor gets it, and the rounds repeat while destructors set values,
// PTHREAD_DESTRUCTOR_ITERATIONS at most.
std::array<void (*)(void*), PTHREAD_KEYS_MAX> key_destructors{};
unsigned keys_used = 0;  // keys [0, keys_used) may have a destructor

void run_key_destructors() {
  for (int round = 0; round < PTHREAD_DESTRUCTOR_ITERATIONS; ++round) {
    bool any = false;
    for (unsigned key = 0; key < keys_used; ++key) {
      void (*destructor)(void*) = key_destructors[key];
      if (destructor == nullptr) continue;
      void* value = pthread_getspecific(key);
      if (value == nullptr) continue;
      pthread_setspecific(key, nullptr);
      any = true;
      const program_section program;  // the program's code
      destructor(value);
    }
    if (!any) return;
  }
}

/// gettid() of the running logical thread: main's is the process's own (as
/// on real threads), the others' are distinct numbers above any real one
/// (the kernel's pid_max is at most 2^22), so a program that tells its
/// threads apart by id sees them apart.
pid_t logical_tid() {
  const std::uint32_t id = current_thread_id();
  return id == 0 ? ::getpid() : static_cast<pid_t>((1 << 22) + id);
}

void sleep_for(std::chrono::nanoseconds d, const location& where) {
  thread_sleep_until(logical_now() + std::chrono::duration_cast<weft::clock::duration>(d), where);
}

}  // namespace
}  // namespace weft::detail::instrument

using namespace weft::detail;
using namespace weft::detail::instrument;

namespace {
WEFT_REAL(pthread_create);
WEFT_REAL(clock_gettime);
WEFT_REAL(pthread_spin_init);
WEFT_REAL(pthread_spin_lock);
WEFT_REAL(pthread_spin_trylock);
WEFT_REAL(pthread_spin_unlock);
WEFT_REAL(pthread_barrier_init);
WEFT_REAL(pthread_barrier_destroy);
WEFT_REAL(pthread_barrier_wait);
WEFT_REAL(pthread_join);
WEFT_REAL(pthread_key_create);
WEFT_REAL(pthread_key_delete);
WEFT_REAL(pthread_tryjoin_np);
WEFT_REAL(pthread_timedjoin_np);
WEFT_REAL(pthread_clockjoin_np);
WEFT_REAL(pthread_detach);
WEFT_REAL(pthread_self);
WEFT_REAL(pthread_exit);
WEFT_REAL(pthread_mutex_init);
WEFT_REAL(pthread_mutex_destroy);
WEFT_REAL(pthread_mutex_lock);
WEFT_REAL(pthread_mutex_trylock);
WEFT_REAL(pthread_mutex_timedlock);
WEFT_REAL(pthread_mutex_clocklock);
WEFT_REAL(pthread_mutex_unlock);
WEFT_REAL(pthread_mutex_consistent);
WEFT_REAL(pthread_cond_init);
WEFT_REAL(pthread_cond_destroy);
WEFT_REAL(pthread_cond_wait);
WEFT_REAL(pthread_cond_timedwait);
WEFT_REAL(pthread_cond_clockwait);
WEFT_REAL(pthread_cond_signal);
WEFT_REAL(pthread_cond_broadcast);
WEFT_REAL(pthread_rwlock_init);
WEFT_REAL(pthread_rwlock_destroy);
WEFT_REAL(pthread_rwlock_rdlock);
WEFT_REAL(pthread_rwlock_tryrdlock);
WEFT_REAL(pthread_rwlock_wrlock);
WEFT_REAL(pthread_rwlock_trywrlock);
WEFT_REAL(pthread_rwlock_timedrdlock);
WEFT_REAL(pthread_rwlock_timedwrlock);
WEFT_REAL(pthread_rwlock_clockrdlock);
WEFT_REAL(pthread_rwlock_clockwrlock);
WEFT_REAL(pthread_rwlock_unlock);
WEFT_REAL(pthread_once);
WEFT_REAL(sem_init);
WEFT_REAL(sem_destroy);
WEFT_REAL(sem_wait);
WEFT_REAL(sem_trywait);
WEFT_REAL(sem_clockwait);
WEFT_REAL(sem_post);
WEFT_REAL(sem_open);
WEFT_REAL(sem_close);
WEFT_REAL(sem_getvalue);

/// The named semaphores sem_open gave this execution, by address, and how
/// many of its sem_open calls each has not closed yet (glibc hands every
/// sem_open of one name the same mapping).
std::map<const sem_t*, int>& named_semaphores() {
  static std::map<const sem_t*, int> opened;  // a process per execution: never cleared
  return opened;
}
WEFT_REAL(sched_yield);
WEFT_REAL(nanosleep);
WEFT_REAL(clock_nanosleep);
WEFT_REAL(usleep);
WEFT_REAL(sleep);
WEFT_REAL(syscall);
WEFT_REAL(gettid);
}  // namespace

void weft::detail::instrument::thread_exit_work() {
  // As glibc's thread exit: the C++ thread_local destructors, then the keys'
  // (both the program's code: their accesses are checked, their atomics
  // ordered), then the robust mutexes the kernel hands on.
  if (per_thread_storage()) {
    const program_section program;
    run_thread_local_destructors();
  }
  run_key_destructors();
  release_robust_mutexes();
  exit_if_last_thread();
}

namespace {

/// What a pthread_create asked for.
struct thread_request {
  void* (*start)(void*);
  void* arg;
  int detach;              // PTHREAD_CREATE_JOINABLE or _DETACHED
  std::size_t stack_size;  // 0: the stack weft gives a thread created without attributes
  location where;
};

thread_request requested(const pthread_attr_t* attr, void* (*start)(void*), void* arg, const location& where) {
  thread_request r{start, arg, PTHREAD_CREATE_JOINABLE, 0, where};
  if (attr != nullptr) {
    pthread_attr_getdetachstate(attr, &r.detach);
    // The size the attribute gives (glibc's default unless the program set
    // one), as a real thread would have it, plus room for weft's own frames
    // at the deepest point of the program's (headroom, hooks).
    constexpr std::size_t weft_frames = 256 * 1024;
    if (pthread_attr_getstacksize(attr, &r.stack_size) == 0 && r.stack_size > 0) r.stack_size += weft_frames;
  }
  return r;
}

/// Starts `r` as a logical thread of the current execution; its handle.
pthread_t start_logical_thread(const thread_request& r) {
  // The process has more than one thread now, as glibc's pthread_create
  // says. libstdc++ reads this flag: while set, shared_ptr's counts and
  // other internals use plain increments instead of atomic ones, which
  // weft would rightly see race between the logical threads.
  __libc_single_threaded = 0;
  const std::uint64_t signal_mask = current_signal_mask();  // the new thread's, as pthread_create's
  void* (*start)(void*) = r.start;
  void* arg = r.arg;
  const std::size_t stack_size = r.stack_size;
  const callback_library library = library_starting_thread();
  const std::uint32_t id = thread_spawn(
      [start, arg, library] {
        thread_library = library;
        void* result = nullptr;
        const bool exited = run_until_thread_exit([&] {
          const program_section program;
          result = start(arg);
        });
        if (!exited) thread_result(current_tables(), current_thread_id()) = result;  // else pthread_exit's
        thread_exit_work();
      },
      r.where, stack_size);
  start_signal_mask(id, signal_mask);  // before anyone has its handle (it may not have started yet)
  if (r.detach == PTHREAD_CREATE_DETACHED) thread_detach(id, r.where);
  return handle_of(id);
}

/// The threads the program's start-up created before main under weft exec
/// (startup_guard.cpp's deferring_threads()): thread i is handle_of(i + 1),
/// started by every execution as its first threads (start_early_threads).
std::vector<thread_request>& early_threads() {
  static std::vector<thread_request> requests;
  return requests;
}

/// `thread` is a handle the start-up got for a thread started at main.
thread_request* early_thread(pthread_t thread) {
  if (tables() != nullptr || !is_handle(thread) || !deferring_threads()) return nullptr;
  const std::uint32_t index = id_of(thread) - 1;
  return index < early_threads().size() ? &early_threads()[index] : nullptr;
}

}  // namespace

std::size_t weft::detail::instrument::early_thread_count() { return early_threads().size(); }

void weft::detail::instrument::start_early_threads() {
  const weft_section weft;
  for (const thread_request& r : early_threads()) (void)start_logical_thread(r);
}

extern "C" {

int pthread_create(pthread_t* thread, const pthread_attr_t* attr, void* (*start)(void*), void* arg) {
  if (tables() == nullptr) {
    if (!deferring_threads()) return real_pthread_create(thread, attr, start, arg);
    // Before main, under weft exec: started by each execution.
    early_threads().push_back(requested(attr, start, arg, WEFT_PROGRAM_CALL_SITE));
    *thread = handle_of(static_cast<std::uint32_t>(early_threads().size()));
    return 0;
  }
  const weft_section weft;  // before the call site's stack walk: the unwinder's locks are not the program's
  *thread = start_logical_thread(requested(attr, start, arg, WEFT_PROGRAM_CALL_SITE));
  return 0;
}

int pthread_key_create(pthread_key_t* key, void (*destructor)(void*)) {
  const int rc = real_pthread_key_create(key, destructor);
  if (rc == 0 && *key < PTHREAD_KEYS_MAX) {
    key_destructors[*key] = destructor;
    keys_used = std::max(keys_used, *key + 1);
  }
  return rc;
}

int pthread_key_delete(pthread_key_t key) {
  if (key < PTHREAD_KEYS_MAX) key_destructors[key] = nullptr;
  return real_pthread_key_delete(key);
}

int pthread_join(pthread_t thread, void** retval) {
  if (early_thread(thread) != nullptr) return EINVAL;  // it runs from main on: not joinable before
  if (tables() == nullptr || !is_handle(thread)) return real_pthread_join(thread, retval);
  const void* pc = __builtin_return_address(0);
  return cancellable([&] {
    const location where = program_call_site(pc);  // in the section: it may walk the stack
    if (id_of(thread) == current_thread_id()) return EDEADLK;
    // Cancelled while it waits, the join has not happened: the thread stays joinable.
    if (!thread_join(id_of(thread), where)) return 0;
    if (retval != nullptr) *retval = thread_result(current_tables(), id_of(thread));
    return 0;
  });
}

int pthread_tryjoin_np(pthread_t thread, void** retval) {
  if (tables() == nullptr || !is_handle(thread)) return real_pthread_tryjoin_np(thread, retval);
  const weft_section weft;
  const location where = WEFT_PROGRAM_CALL_SITE;
  if (id_of(thread) == current_thread_id()) return EDEADLK;
  thread_yield(where);  // whether it has ended depends on what ran before
  if (!thread_ended(id_of(thread))) return EBUSY;
  thread_join(id_of(thread), where);
  if (retval != nullptr) *retval = thread_result(current_tables(), id_of(thread));
  return 0;
}

int pthread_timedjoin_np(pthread_t thread, void** retval, const timespec* abstime) {
  if (tables() == nullptr || !is_handle(thread)) return real_pthread_timedjoin_np(thread, retval, abstime);
  const void* pc = __builtin_return_address(0);
  return cancellable([&] { return join_by(thread, retval, CLOCK_REALTIME, abstime, program_call_site(pc)); });
}

int pthread_clockjoin_np(pthread_t thread, void** retval, clockid_t clock, const timespec* abstime) {
  if (tables() == nullptr || !is_handle(thread)) return real_pthread_clockjoin_np(thread, retval, clock, abstime);
  const void* pc = __builtin_return_address(0);
  return cancellable([&] { return join_by(thread, retval, clock, abstime, program_call_site(pc)); });
}

int pthread_detach(pthread_t thread) {
  if (thread_request* early = early_thread(thread)) {  // before main: it starts detached
    early->detach = PTHREAD_CREATE_DETACHED;
    return 0;
  }
  if (tables() == nullptr || !is_handle(thread)) return real_pthread_detach(thread);
  const weft_section weft;
  thread_detach(id_of(thread), WEFT_HERE);
  return 0;
}

pthread_t pthread_self() {
  if (tables() == nullptr) return real_pthread_self();
  const weft_section weft;
  return handle_of(current_thread_id());
}

[[noreturn]] void pthread_exit(void* retval) {
  if (tables() == nullptr) real_pthread_exit(retval);
  {
    // weft's memory: its copies (the table growing) are not the program's
    const weft_section weft;
    thread_result(current_tables(), current_thread_id()) = retval;
  }
  exit_thread();  // its cleanup handlers, then the unwinding (program_section's end clears in_program)
}

int pthread_mutex_init(pthread_mutex_t* m, const pthread_mutexattr_t* attr) {
  forget(m, sizeof *m);  // a new mutex at this address
  return real_pthread_mutex_init(m, attr);  // sets the kind this file reads
}

int pthread_mutex_destroy(pthread_mutex_t* m) {
  if (tables() == nullptr || in_tool_code(__builtin_return_address(0))) return real_pthread_mutex_destroy(m);
  const weft_section weft;
  WEFT_TOUCH(m, true, WEFT_HERE);
  on_destroy_mutex(mutex_of(m));
  forget(m, sizeof *m);
  return 0;
}

int pthread_mutex_lock(pthread_mutex_t* m) {
  if (tables() == nullptr) return real_pthread_mutex_lock(m);
  if (in_tool_code(__builtin_return_address(0))) return tool_locked(m, real_pthread_mutex_lock(m));
  const weft_section weft;
  const location where = WEFT_HERE;
  WEFT_TOUCH(m, false, where);
  mutex_state& s = mutex_of(m);
  if (kind_of(m) == PTHREAD_MUTEX_ERRORCHECK && s.owner == current_thread_id()) return EDEADLK;
  if (const int refused = robust_refused(s)) return refused;
  mutex_lock(s, where);
  return robust_taken(s, where);
}

int pthread_mutex_trylock(pthread_mutex_t* m) {
  if (tables() == nullptr) return real_pthread_mutex_trylock(m);
  if (in_tool_code(__builtin_return_address(0))) return tool_locked(m, real_pthread_mutex_trylock(m));
  const weft_section weft;
  const location where = WEFT_HERE;
  WEFT_TOUCH(m, false, where);
  mutex_state& s = mutex_of(m);
  if (kind_of(m) != PTHREAD_MUTEX_RECURSIVE && s.owner == current_thread_id()) return EBUSY;
  if (const int refused = robust_refused(s)) return refused;
  return mutex_try_lock(s, where) ? robust_taken(s, where) : EBUSY;
}

int pthread_mutex_timedlock(pthread_mutex_t* m, const timespec* abstime) {
  if (tables() == nullptr) return real_pthread_mutex_timedlock(m, abstime);
  const weft_section weft;
  const location where = WEFT_HERE;
  WEFT_TOUCH(m, false, where);
  return mutex_lock_by(m, CLOCK_REALTIME, abstime, where);
}

// std::timed_mutex::try_lock_for and try_lock_until (libstdc++ takes the
// steady clock through this one).
int pthread_mutex_clocklock(pthread_mutex_t* m, clockid_t clock, const timespec* abstime) {
  if (tables() == nullptr) return real_pthread_mutex_clocklock(m, clock, abstime);
  const weft_section weft;
  const location where = WEFT_HERE;
  WEFT_TOUCH(m, false, where);
  return mutex_lock_by(m, clock, abstime, where);
}

int pthread_mutex_unlock(pthread_mutex_t* m) {
  // A tool's unlock may be a tail call: its return address is its caller's.
  if (tables() == nullptr || tool_unlocks(m)) return real_pthread_mutex_unlock(m);
  const weft_section weft;
  const location where = WEFT_HERE;
  WEFT_TOUCH(m, false, where);
  mutex_state& s = mutex_of(m);
  if ((kind_of(m) != PTHREAD_MUTEX_NORMAL || s.robust) && s.owner != current_thread_id()) return EPERM;
  robust_unlocking(s);
  mutex_unlock(s, where);
  return 0;
}

int pthread_mutex_consistent(pthread_mutex_t* m) {
  if (tables() == nullptr) return real_pthread_mutex_consistent(m);
  const weft_section weft;
  WEFT_TOUCH(m, false, WEFT_HERE);
  mutex_state& s = mutex_of(m);
  if (!s.robust || s.death != owner_death::inconsistent || s.owner != current_thread_id()) return EINVAL;
  s.death = owner_death::none;
  return 0;
}

int pthread_cond_init(pthread_cond_t* c, const pthread_condattr_t* attr) {
  forget(c, sizeof *c);
  return real_pthread_cond_init(c, attr);
}

int pthread_cond_destroy(pthread_cond_t* c) {
  if (tables() == nullptr) return real_pthread_cond_destroy(c);
  const weft_section weft;
  WEFT_TOUCH(c, true, WEFT_HERE);
  forget(c, sizeof *c);
  return 0;
}

int pthread_cond_wait(pthread_cond_t* c, pthread_mutex_t* m) {
  if (tables() == nullptr) return real_pthread_cond_wait(c, m);
  const location where = WEFT_HERE;
  WEFT_TOUCH(c, false, where);
  WEFT_TOUCH(m, false, where);
  return cancellable([&] { return cond_wait_at(c, m, nullptr, where); });
}

int pthread_cond_timedwait(pthread_cond_t* c, pthread_mutex_t* m, const timespec* abstime) {
  if (tables() == nullptr) return real_pthread_cond_timedwait(c, m, abstime);
  const location where = WEFT_HERE;
  WEFT_TOUCH(c, false, where);
  WEFT_TOUCH(m, false, where);
  return cancellable([&] {
    const weft::time_point deadline = logical_deadline(clock_of(c), abstime);
    return cond_wait_at(c, m, &deadline, where);
  });
}

int pthread_cond_clockwait(pthread_cond_t* c, pthread_mutex_t* m, clockid_t clock, const timespec* abstime) {
  if (tables() == nullptr) return real_pthread_cond_clockwait(c, m, clock, abstime);
  const location where = WEFT_HERE;
  WEFT_TOUCH(c, false, where);
  WEFT_TOUCH(m, false, where);
  return cancellable([&] {
    const weft::time_point deadline = logical_deadline(clock, abstime);
    return cond_wait_at(c, m, &deadline, where);
  });
}

int pthread_cond_signal(pthread_cond_t* c) {
  if (tables() == nullptr) return real_pthread_cond_signal(c);
  const weft_section weft;
  const location where = WEFT_HERE;
  WEFT_TOUCH(c, false, where);
  cv_notify(cv_at(current_tables(), c), false, where);
  return 0;
}

int pthread_cond_broadcast(pthread_cond_t* c) {
  if (tables() == nullptr) return real_pthread_cond_broadcast(c);
  const weft_section weft;
  const location where = WEFT_HERE;
  WEFT_TOUCH(c, false, where);
  cv_notify(cv_at(current_tables(), c), true, where);
  return 0;
}

int pthread_rwlock_init(pthread_rwlock_t* l, const pthread_rwlockattr_t* attr) {
  forget(l, sizeof *l);
  return real_pthread_rwlock_init(l, attr);
}

int pthread_rwlock_destroy(pthread_rwlock_t* l) {
  if (tables() == nullptr) return real_pthread_rwlock_destroy(l);
  const weft_section weft;
  WEFT_TOUCH(l, true, WEFT_HERE);
  on_destroy_mutex(rwlock_of(l));
  forget(l, sizeof *l);
  return 0;
}

int pthread_rwlock_rdlock(pthread_rwlock_t* l) {
  if (tables() == nullptr) return real_pthread_rwlock_rdlock(l);
  const weft_section weft;
  const location where = WEFT_HERE;
  WEFT_TOUCH(l, false, where);
  mutex_lock_shared(rwlock_of(l), where);
  return 0;
}

int pthread_rwlock_tryrdlock(pthread_rwlock_t* l) {
  if (tables() == nullptr) return real_pthread_rwlock_tryrdlock(l);
  const weft_section weft;
  const location where = WEFT_HERE;
  WEFT_TOUCH(l, false, where);
  return mutex_try_lock_shared(rwlock_of(l), where) ? 0 : EBUSY;
}

int pthread_rwlock_wrlock(pthread_rwlock_t* l) {
  if (tables() == nullptr) return real_pthread_rwlock_wrlock(l);
  const weft_section weft;
  const location where = WEFT_HERE;
  WEFT_TOUCH(l, false, where);
  mutex_lock(rwlock_of(l), where);
  return 0;
}

int pthread_rwlock_trywrlock(pthread_rwlock_t* l) {
  if (tables() == nullptr) return real_pthread_rwlock_trywrlock(l);
  const weft_section weft;
  const location where = WEFT_HERE;
  WEFT_TOUCH(l, false, where);
  return mutex_try_lock(rwlock_of(l), where) ? 0 : EBUSY;
}

// The timed ones: std::shared_timed_mutex's try_lock_for and
// try_lock_shared_for (libstdc++ takes the clock variants).
int pthread_rwlock_timedrdlock(pthread_rwlock_t* l, const timespec* abstime) {
  if (tables() == nullptr) return real_pthread_rwlock_timedrdlock(l, abstime);
  const weft_section weft;
  const location where = WEFT_HERE;
  WEFT_TOUCH(l, false, where);
  return rwlock_lock_by(l, true, CLOCK_REALTIME, abstime, where);
}

int pthread_rwlock_timedwrlock(pthread_rwlock_t* l, const timespec* abstime) {
  if (tables() == nullptr) return real_pthread_rwlock_timedwrlock(l, abstime);
  const weft_section weft;
  const location where = WEFT_HERE;
  WEFT_TOUCH(l, false, where);
  return rwlock_lock_by(l, false, CLOCK_REALTIME, abstime, where);
}

int pthread_rwlock_clockrdlock(pthread_rwlock_t* l, clockid_t clock, const timespec* abstime) {
  if (tables() == nullptr) return real_pthread_rwlock_clockrdlock(l, clock, abstime);
  const weft_section weft;
  const location where = WEFT_HERE;
  WEFT_TOUCH(l, false, where);
  return rwlock_lock_by(l, true, clock, abstime, where);
}

int pthread_rwlock_clockwrlock(pthread_rwlock_t* l, clockid_t clock, const timespec* abstime) {
  if (tables() == nullptr) return real_pthread_rwlock_clockwrlock(l, clock, abstime);
  const weft_section weft;
  const location where = WEFT_HERE;
  WEFT_TOUCH(l, false, where);
  return rwlock_lock_by(l, false, clock, abstime, where);
}

int pthread_rwlock_unlock(pthread_rwlock_t* l) {
  if (tables() == nullptr) return real_pthread_rwlock_unlock(l);
  const weft_section weft;
  const location where = WEFT_HERE;
  WEFT_TOUCH(l, false, where);
  mutex_state& s = rwlock_of(l);
  if (s.owner == current_thread_id()) {
    mutex_unlock(s, where);
  } else {
    mutex_unlock_shared(s, where);
  }
  return 0;
}

int pthread_once(pthread_once_t* once, void (*routine)()) {
  if (tables() == nullptr) return real_pthread_once(once, routine);
  const weft_section weft;
  once_state& o = once_at(current_tables(), once);
  const void* caller = call_site(__builtin_return_address(0));
  const location where = location::caller(caller);
  run_once(
      o, "pthread_once",
      [&] {
        // A library's routine (libuv's, on its first uv_queue_work) serves the
        // program's call that reached this pthread_once inside the library.
        const void* program_call = program_return_address(caller);
        const serving_program_call serving(program_call != caller ? program_call : nullptr);
        const program_section program;  // the routine is the program's code
        routine();
      },
      where);  // std::call_once: an exception leaves the flag unset for the next caller
  return 0;
}

int sem_init(sem_t* s, int pshared, unsigned value) {
  if (tables() == nullptr) return real_sem_init(s, pshared, value);
  const weft_section weft;
  new_semaphore_at(current_tables(), s, value);
  return 0;
}

// A named semaphore (sem_open) is checked as one of sem_init's, from the
// count it had when the execution first opened it: its waits give way
// instead of holding every thread in the kernel, and a post happens before
// the wait it ends. Its real count is left as it was (another process
// sharing it does not see the execution's posts and waits).
sem_t* sem_open(const char* name, int oflag, ...) {
  mode_t mode = 0;
  unsigned value = 0;
  if ((oflag & O_CREAT) != 0) {
    va_list rest;
    va_start(rest, oflag);
    mode = va_arg(rest, mode_t);
    value = va_arg(rest, unsigned);
    va_end(rest);
  }
  sem_t* s = (oflag & O_CREAT) != 0 ? real_sem_open(name, oflag, mode, value) : real_sem_open(name, oflag);
  if (s == SEM_FAILED || tables() == nullptr) return s;
  const weft_section weft;
  if (named_semaphores()[s]++ == 0 || semaphore_at(current_tables(), s) == nullptr) {
    int now = 0;
    if (real_sem_getvalue(s, &now) != 0) now = 0;
    new_semaphore_at(current_tables(), s, now);
  }
  return s;
}

int sem_close(sem_t* s) {
  if (tables() != nullptr) {
    const weft_section weft;
    const auto open = named_semaphores().find(s);
    if (open != named_semaphores().end() && --open->second == 0) {
      named_semaphores().erase(open);
      forget(s, sizeof *s);
    }
  }
  return real_sem_close(s);
}

int sem_getvalue(sem_t* s, int* value) {
  semaphore_state* sem = checked_semaphore(s);
  if (sem == nullptr) return real_sem_getvalue(s, value);
  const weft_section weft;
  const location where = WEFT_HERE;
  WEFT_TOUCH(s, false, where);
  thread_point("sem_getvalue", where);  // what it reads is what the schedule let happen so far
  *value = static_cast<int>(std::max<std::ptrdiff_t>(sem->count, 0));
  return 0;
}

int sem_destroy(sem_t* s) {
  if (tables() == nullptr) return real_sem_destroy(s);
  const weft_section weft;
  WEFT_TOUCH(s, true, WEFT_HERE);
  forget(s, sizeof *s);
  return 0;
}

int sem_wait(sem_t* s) {
  semaphore_state* sem = checked_semaphore(s);
  if (sem == nullptr) return real_sem_wait(s);
  const location where = WEFT_HERE;
  WEFT_TOUCH(s, false, where);
  return cancellable([&] {
    semaphore_acquire(*sem, nullptr, false, where);  // false: cancelled, acting next
    return 0;
  });
}

int sem_trywait(sem_t* s) {
  semaphore_state* sem = checked_semaphore(s);
  if (sem == nullptr) return real_sem_trywait(s);
  const weft_section weft;
  const location where = WEFT_HERE;
  WEFT_TOUCH(s, false, where);
  if (semaphore_acquire(*sem, nullptr, true, where)) return 0;
  errno = EAGAIN;
  return -1;
}

int sem_timedwait(sem_t* s, const timespec* abstime) {
  semaphore_state* sem = checked_semaphore(s);
  if (sem == nullptr) return real_sem_clockwait(s, CLOCK_REALTIME, abstime);
  const location where = WEFT_HERE;
  WEFT_TOUCH(s, false, where);
  return sem_wait_until(*sem, CLOCK_REALTIME, abstime, where);
}

int sem_clockwait(sem_t* s, clockid_t clock, const timespec* abstime) {
  semaphore_state* sem = checked_semaphore(s);
  if (sem == nullptr) return real_sem_clockwait(s, clock, abstime);
  const location where = WEFT_HERE;
  WEFT_TOUCH(s, false, where);
  return sem_wait_until(*sem, clock, abstime, where);
}

int sem_post(sem_t* s) {
  semaphore_state* sem = checked_semaphore(s);
  if (sem == nullptr) return real_sem_post(s);
  const weft_section weft;
  const location where = WEFT_HERE;
  WEFT_TOUCH(s, false, where);
  semaphore_release(*sem, 1, where);
  return 0;
}

int sched_yield() {
  if (tables() == nullptr) return real_sched_yield();
  const weft_section weft;
  thread_yield(WEFT_HERE);
  return 0;
}

int nanosleep(const timespec* d, timespec* rem) {
  if (tables() == nullptr) return real_nanosleep(d, rem);
  const location where = WEFT_HERE;
  cancellable([&] {
    sleep_for(duration_of(*d), where);
    return 0;
  });
  if (rem != nullptr) *rem = timespec{};
  return 0;
}

// A periodic loop's sleep (clock_gettime, then clock_nanosleep until the
// next period): a sleep in logical time, relative or until an absolute time
// of the clocks clock_gettime gives logically. Before, the real call slept
// in real time until a logical deadline, which could be far ahead of it.
int clock_nanosleep(clockid_t clock, int flags, const timespec* t, timespec* rem) {
  if (tables() == nullptr || !is_logical(clock)) return real_clock_nanosleep(clock, flags, t, rem);
  if (t->tv_nsec < 0 || t->tv_nsec >= 1'000'000'000) return EINVAL;
  const location where = WEFT_HERE;
  cancellable([&] {
    if ((flags & TIMER_ABSTIME) != 0) {
      thread_sleep_until(logical_deadline(clock, t), where);
    } else {
      sleep_for(duration_of(*t), where);
    }
    return 0;
  });
  if ((flags & TIMER_ABSTIME) == 0 && rem != nullptr) *rem = timespec{};
  return 0;
}

int usleep(useconds_t us) {
  if (tables() == nullptr) return real_usleep(us);
  const location where = WEFT_HERE;
  return cancellable([&] {
    sleep_for(std::chrono::microseconds(us), where);
    return 0;
  });
}

unsigned sleep(unsigned s) {
  if (tables() == nullptr) return real_sleep(s);
  const location where = WEFT_HERE;
  cancellable([&] {
    sleep_for(std::chrono::seconds(s), where);
    return 0;
  });
  return 0;
}

pid_t gettid() noexcept {
  if (tables() == nullptr) return real_gettid();
  return logical_tid();
}

namespace {
/// FUTEX_WAKE_OP's operation, encoded in `encoded` as futex(2) says: applied
/// to `word`; returns the value it held.
std::uint32_t wake_op_update(std::uint32_t* word, std::uint32_t encoded) {
  const std::uint32_t op = (encoded >> 28) & 7;
  auto field = static_cast<std::int32_t>((encoded >> 12) & 0xfff);
  if (field & 0x800) field -= 0x1000;  // a signed 12-bit field
  std::uint32_t arg = static_cast<std::uint32_t>(field);
  if (((encoded >> 28) & FUTEX_OP_OPARG_SHIFT) != 0) arg = std::uint32_t{1} << (field & 31);
  switch (op) {
    case FUTEX_OP_SET: return __atomic_exchange_n(word, arg, __ATOMIC_SEQ_CST);
    case FUTEX_OP_ADD: return __atomic_fetch_add(word, arg, __ATOMIC_SEQ_CST);
    case FUTEX_OP_OR: return __atomic_fetch_or(word, arg, __ATOMIC_SEQ_CST);
    case FUTEX_OP_ANDN: return __atomic_fetch_and(word, ~arg, __ATOMIC_SEQ_CST);
    default: return __atomic_fetch_xor(word, arg, __ATOMIC_SEQ_CST);
  }
}
/// FUTEX_WAKE_OP's comparison of the second word's old value.
bool wake_op_compare(std::uint32_t old, std::uint32_t encoded) {
  const auto value = static_cast<std::int32_t>(old);
  auto arg = static_cast<std::int32_t>(encoded & 0xfff);
  if (arg & 0x800) arg -= 0x1000;  // a signed 12-bit field
  switch ((encoded >> 24) & 0xf) {
    case FUTEX_OP_CMP_EQ: return value == arg;
    case FUTEX_OP_CMP_NE: return value != arg;
    case FUTEX_OP_CMP_LT: return value < arg;
    case FUTEX_OP_CMP_LE: return value <= arg;
    case FUTEX_OP_CMP_GT: return value > arg;
    default: return value >= arg;
  }
}
}  // namespace

// Futex waits and wakes (std::atomic::wait/notify_*, std::counting_semaphore,
// std::latch, std::barrier in libstdc++ 12; FUTEX_WAKE_OP, Qt's QSemaphore):
// a wait whose word still holds the expected value blocks on a condition
// variable of that address until a wake (or its timeout); gettid is the
// logical thread's (as gettid() is);
// every other system call goes to the kernel.
long syscall(long number, ...) {
  va_list ap;
  va_start(ap, number);
  long a[6];
  for (long& x : a) x = va_arg(ap, long);
  va_end(ap);
  address_tables* t = tables();
  if (t != nullptr && number == SYS_gettid) return logical_tid();
  if (t == nullptr || number != SYS_futex) return real_syscall(number, a[0], a[1], a[2], a[3], a[4], a[5]);
  const weft_section weft;
  const auto* word = reinterpret_cast<const std::uint32_t*>(a[0]);
  const int op = static_cast<int>(a[1]) & FUTEX_CMD_MASK;
  const location where = WEFT_HERE;
  if (op == FUTEX_WAIT || op == FUTEX_WAIT_BITSET) {
    cv_state& cv = cv_at(*t, word);
    // Reports say what the program waits on, not weft's condition variable
    // standing in for the word.
    if (cv.given_name == nullptr) give_name(cv, "a futex word (std::atomic::wait, a semaphore, latch or barrier)");
    current()->about_to_wait();  // the look before the wait was no spin
    cv_wait_begin(cv, where);  // the scheduling point; registered from here on
    if (__atomic_load_n(word, __ATOMIC_RELAXED) != static_cast<std::uint32_t>(a[2])) {
      cv_wait_cancel(cv);
      errno = EAGAIN;
      return -1;
    }
    const auto* timeout = reinterpret_cast<const timespec*>(a[3]);
    weft::time_point deadline{};
    if (timeout != nullptr) {
      deadline = op == FUTEX_WAIT
                     ? logical_now() + duration_of(*timeout)
                     : logical_deadline((a[1] & FUTEX_CLOCK_REALTIME) != 0 ? CLOCK_REALTIME : CLOCK_MONOTONIC, timeout);
    }
    if (!cv_wait_block(cv, timeout != nullptr ? &deadline : nullptr, where)) {
      errno = ETIMEDOUT;
      return -1;
    }
    return 0;
  }
  if (op == FUTEX_WAKE || op == FUTEX_WAKE_BITSET) {
    cv_notify(cv_at(*t, word), a[2] > 1, where);
    return 0;
  }
  if (op == FUTEX_WAKE_OP) {  // Qt's QSemaphore: operate on a second word, wake on both
    auto* second = reinterpret_cast<std::uint32_t*>(a[4]);
    const std::uint32_t old = wake_op_update(second, static_cast<std::uint32_t>(a[5]));
    cv_notify(cv_at(*t, word), a[2] > 1, where);
    if (wake_op_compare(old, static_cast<std::uint32_t>(a[5]))) cv_notify(cv_at(*t, second), a[3] > 1, where);
    return 0;
  }
  return real_syscall(number, a[0], a[1], a[2], a[3], a[4], a[5]);
}

int clock_gettime(clockid_t clock, timespec* t) noexcept {
  if (tables() == nullptr || !is_logical(clock)) return real_clock_gettime(clock, t);
  const weft_section weft;
  *t = program_clock(clock);
  current()->clock_read();  // reading takes time: a loop waiting for a time gets there
  return 0;
}

int pthread_spin_init(pthread_spinlock_t* l, int shared) noexcept {
  forget(spin_key(l), sizeof *l);
  return real_pthread_spin_init(l, shared);
}

int pthread_spin_lock(pthread_spinlock_t* l) noexcept {
  if (tables() == nullptr) return real_pthread_spin_lock(l);
  const weft_section weft;
  const location where = WEFT_HERE;
  WEFT_TOUCH(l, false, where);
  mutex_lock(mutex_at(current_tables(), spin_key(l), object_kind::mutex), where);
  return 0;
}

int pthread_spin_trylock(pthread_spinlock_t* l) noexcept {
  if (tables() == nullptr) return real_pthread_spin_trylock(l);
  const weft_section weft;
  const location where = WEFT_HERE;
  WEFT_TOUCH(l, false, where);
  return mutex_try_lock(mutex_at(current_tables(), spin_key(l), object_kind::mutex), where) ? 0 : EBUSY;
}

int pthread_spin_unlock(pthread_spinlock_t* l) noexcept {
  if (tables() == nullptr) return real_pthread_spin_unlock(l);
  const weft_section weft;
  const location where = WEFT_HERE;
  WEFT_TOUCH(l, false, where);
  mutex_unlock(mutex_at(current_tables(), spin_key(l), object_kind::mutex), where);
  return 0;
}

int pthread_barrier_init(pthread_barrier_t* b, const pthread_barrierattr_t* attr, unsigned count) noexcept {
  if (tables() == nullptr) return real_pthread_barrier_init(b, attr, count);
  const weft_section weft;
  if (count == 0) return EINVAL;
  barrier_at(current_tables(), b, count);
  return 0;
}

int pthread_barrier_destroy(pthread_barrier_t* b) noexcept {
  if (tables() == nullptr) return real_pthread_barrier_destroy(b);
  WEFT_TOUCH(b, true, WEFT_HERE);
  forget(b, sizeof *b);
  return 0;
}

int pthread_barrier_wait(pthread_barrier_t* b) {
  if (tables() == nullptr) return real_pthread_barrier_wait(b);
  const weft_section weft;
  barrier_state* state = barrier_of(current_tables(), b);
  if (state == nullptr) return EINVAL;
  const location where = WEFT_HERE;
  WEFT_TOUCH(b, false, where);
  mutex_lock(state->lock, where);
  const std::uint64_t round = state->round;
  if (++state->arrived == state->count) {
    state->arrived = 0;
    ++state->round;
    cv_notify(state->all_here, true, where);
    mutex_unlock(state->lock, where);
    return PTHREAD_BARRIER_SERIAL_THREAD;
  }
  while (state->round == round) wait_on(state->all_here, state->lock, nullptr, where);
  mutex_unlock(state->lock, where);
  return 0;
}

}  // extern "C"
