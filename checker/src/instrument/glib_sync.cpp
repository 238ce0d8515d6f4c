// GLib's locks, condition variables and one-time initialisation (GMutex,
// GRecMutex, GRWLock, GCond, g_once_init_enter/leave, g_once), inside an
// execution of weft exec.
//
// GLib takes a GMutex with an atomic exchange inside libglib-2.0.so, which
// the instrumentation never sees, and waits on a raw futex: weft saw
// neither the lock nor what it orders, and the data a correct program
// guards with a GMutex was reported as a data race. So these entry points
// (plain C symbols) are defined here, each a weft object kept by the
// object's address: a GMutex a mutex, a GRecMutex a recursive one, a
// GRWLock a reader-writer lock, a GCond a condition variable (its
// g_cond_wait_until deadline, g_get_monotonic_time's microseconds, in
// logical time). g_once_init_enter/leave and g_once are a once flag: the
// value is published through the instrumented atomics' entry, so that the
// fast path inlined in the program (g_atomic_pointer_get) reads it with an
// acquire's happens-before. Outside an execution the real functions run.
//
// GLib's own uses of these inside libglib keep the real locks (it binds its
// calls to itself; their waits are futex waits, which weft follows), so
// GThreadPool and GAsyncQueue are followed at their entry points: a push
// happens before the task or pop that gets it (one clock per pool or
// queue, which can hide a race but never invents one), every task before
// g_thread_pool_free(pool, FALSE, TRUE) returns, and the start of each
// task and each push is a scheduling point (libglib's code has none).
// Not followed: the pool's other calls (g_thread_pool_set_max_threads...)
// need nothing; a program that reads GThreadPool's public func field sees
// weft's.
#include <time.h>

#include <atomic>
#include <cstdint>
#include <set>

#include "address_objects.hpp"
#include "interpose.hpp"

extern "C" {
// The instrumented atomics' entries (tsan_entry.cpp): a store the program's
// inlined loads see with happens-before.
void __tsan_atomic64_store(volatile std::int64_t* a, std::int64_t v, int order);
void __tsan_atomic32_store(volatile std::int32_t* a, std::int32_t v, int order);

// GLib's functions, without its headers: its types by address only.
struct _GMutex;
struct _GRecMutex;
struct _GRWLock;
struct _GCond;
struct _GOnce;
typedef int gboolean;
typedef void* (*GThreadFunc)(void*);
void g_mutex_init(_GMutex* m);
void g_mutex_clear(_GMutex* m);
void g_mutex_lock(_GMutex* m);
gboolean g_mutex_trylock(_GMutex* m);
void g_mutex_unlock(_GMutex* m);
void g_rec_mutex_init(_GRecMutex* m);
void g_rec_mutex_clear(_GRecMutex* m);
void g_rec_mutex_lock(_GRecMutex* m);
gboolean g_rec_mutex_trylock(_GRecMutex* m);
void g_rec_mutex_unlock(_GRecMutex* m);
void g_rw_lock_init(_GRWLock* l);
void g_rw_lock_clear(_GRWLock* l);
void g_rw_lock_writer_lock(_GRWLock* l);
gboolean g_rw_lock_writer_trylock(_GRWLock* l);
void g_rw_lock_writer_unlock(_GRWLock* l);
void g_rw_lock_reader_lock(_GRWLock* l);
gboolean g_rw_lock_reader_trylock(_GRWLock* l);
void g_rw_lock_reader_unlock(_GRWLock* l);
void g_cond_init(_GCond* c);
void g_cond_clear(_GCond* c);
void g_cond_wait(_GCond* c, _GMutex* m);
gboolean g_cond_wait_until(_GCond* c, _GMutex* m, std::int64_t end_time);
void g_cond_signal(_GCond* c);
void g_cond_broadcast(_GCond* c);
gboolean g_once_init_enter(volatile void* location);
void g_once_init_leave(volatile void* location, std::uintptr_t result);
void* g_once_impl(_GOnce* once, GThreadFunc func, void* arg);
struct _GThreadPool;
struct _GAsyncQueue;
struct _GError;
typedef void (*GFunc)(void* data, void* user_data);
typedef int (*GCompareDataFunc)(const void* a, const void* b, void* user_data);
_GThreadPool* g_thread_pool_new(GFunc func, void* user_data, int max_threads, gboolean exclusive, _GError** error);
gboolean g_thread_pool_push(_GThreadPool* pool, void* data, _GError** error);
void g_thread_pool_free(_GThreadPool* pool, gboolean immediate, gboolean wait);
void g_async_queue_push(_GAsyncQueue* queue, void* data);
void g_async_queue_push_unlocked(_GAsyncQueue* queue, void* data);
void g_async_queue_push_front(_GAsyncQueue* queue, void* data);
void g_async_queue_push_front_unlocked(_GAsyncQueue* queue, void* data);
void g_async_queue_push_sorted(_GAsyncQueue* queue, void* data, GCompareDataFunc compare, void* user_data);
void g_async_queue_push_sorted_unlocked(_GAsyncQueue* queue, void* data, GCompareDataFunc compare, void* user_data);
void* g_async_queue_pop(_GAsyncQueue* queue);
void* g_async_queue_pop_unlocked(_GAsyncQueue* queue);
void* g_async_queue_try_pop(_GAsyncQueue* queue);
void* g_async_queue_try_pop_unlocked(_GAsyncQueue* queue);
void* g_async_queue_timeout_pop(_GAsyncQueue* queue, std::uint64_t timeout);
void* g_async_queue_timeout_pop_unlocked(_GAsyncQueue* queue, std::uint64_t timeout);
}

namespace weft::detail::instrument {
namespace {

constexpr const char* glib_library = "libglib-2.0.so.0";

WEFT_REAL_IN(g_mutex_lock, glib_library);
WEFT_REAL_IN(g_mutex_unlock, glib_library);
WEFT_REAL_IN(g_mutex_trylock, glib_library);
WEFT_REAL_IN(g_mutex_init, glib_library);
WEFT_REAL_IN(g_mutex_clear, glib_library);
WEFT_REAL_IN(g_rec_mutex_lock, glib_library);
WEFT_REAL_IN(g_rec_mutex_unlock, glib_library);
WEFT_REAL_IN(g_rec_mutex_trylock, glib_library);
WEFT_REAL_IN(g_rec_mutex_init, glib_library);
WEFT_REAL_IN(g_rec_mutex_clear, glib_library);
WEFT_REAL_IN(g_rw_lock_writer_lock, glib_library);
WEFT_REAL_IN(g_rw_lock_writer_trylock, glib_library);
WEFT_REAL_IN(g_rw_lock_writer_unlock, glib_library);
WEFT_REAL_IN(g_rw_lock_reader_lock, glib_library);
WEFT_REAL_IN(g_rw_lock_reader_trylock, glib_library);
WEFT_REAL_IN(g_rw_lock_reader_unlock, glib_library);
WEFT_REAL_IN(g_rw_lock_init, glib_library);
WEFT_REAL_IN(g_rw_lock_clear, glib_library);
WEFT_REAL_IN(g_cond_wait, glib_library);
WEFT_REAL_IN(g_cond_wait_until, glib_library);
WEFT_REAL_IN(g_cond_signal, glib_library);
WEFT_REAL_IN(g_cond_broadcast, glib_library);
WEFT_REAL_IN(g_cond_init, glib_library);
WEFT_REAL_IN(g_cond_clear, glib_library);
WEFT_REAL_IN(g_once_init_enter, glib_library);
WEFT_REAL_IN(g_once_init_leave, glib_library);
WEFT_REAL_IN(g_once_impl, glib_library);
WEFT_REAL_IN(g_thread_pool_new, glib_library);
WEFT_REAL_IN(g_thread_pool_push, glib_library);
WEFT_REAL_IN(g_thread_pool_free, glib_library);
WEFT_REAL_IN(g_async_queue_push, glib_library);
WEFT_REAL_IN(g_async_queue_push_unlocked, glib_library);
WEFT_REAL_IN(g_async_queue_push_front, glib_library);
WEFT_REAL_IN(g_async_queue_push_front_unlocked, glib_library);
WEFT_REAL_IN(g_async_queue_push_sorted, glib_library);
WEFT_REAL_IN(g_async_queue_push_sorted_unlocked, glib_library);
WEFT_REAL_IN(g_async_queue_pop, glib_library);
WEFT_REAL_IN(g_async_queue_pop_unlocked, glib_library);
WEFT_REAL_IN(g_async_queue_try_pop, glib_library);
WEFT_REAL_IN(g_async_queue_try_pop_unlocked, glib_library);
WEFT_REAL_IN(g_async_queue_timeout_pop, glib_library);
WEFT_REAL_IN(g_async_queue_timeout_pop_unlocked, glib_library);

location glib_caller(const void* pc) { return location::caller(pc); }

mutex_state& glib_mutex(const void* m) { return mutex_at(current_tables(), m, object_kind::mutex); }
mutex_state& glib_rec_mutex(const void* m) { return mutex_at(current_tables(), m, object_kind::recursive_mutex); }
mutex_state& glib_rw_lock(const void* l) { return mutex_at(current_tables(), l, object_kind::shared_mutex); }

/// A one-time initialisation kept at `key` (a g_once_init_enter location,
/// a GOnce): its lock, and the condition its waiters wait on.
mutex_state& once_lock(const void* key) { return mutex_at(current_tables(), key, object_kind::mutex); }

/// Inside a weft_section: whether this thread initialises `key` (true), or,
/// once `done()`, another did (false); waits while another one is at it.
template <class Done>
bool once_begin(const void* key, Done done, const location& where) {
  mutex_state& lock = once_lock(key);
  mutex_lock(lock, where);
  auto& initialising = current_tables().glib_initialising;
  while (!done() && initialising.contains(key)) wait_on(cv_at(current_tables(), key), lock, nullptr, where);
  const bool mine = !done();
  if (mine) initialising.insert(key);
  mutex_unlock(lock, where);
  return mine;
}

/// From the program's code: the end of once_begin's initialisation,
/// `publish()` (the program's inlined fast path reads what it stores) under
/// the lock, so that once_begin seeing it done is ordered after it too.
template <class Publish>
void once_end(const void* key, Publish publish, const location& where) {
  {
    const weft_section weft;
    mutex_lock(once_lock(key), where);
  }
  publish();
  const weft_section weft;
  current_tables().glib_initialising.erase(key);
  cv_notify(cv_at(current_tables(), key), true, where);
  mutex_unlock(once_lock(key), where);
}

/// A GThreadPool's task function, as the program gave it, and the clocks
/// of its hand-overs: every push releases into `pushed`, which a task
/// acquires before it runs; every task releases into `finished` when it
/// returns, which g_thread_pool_free(..., wait) acquires.
struct glib_pool {
  GFunc func;
  void* user_data;
  char pushed;
  char finished;
};

/// What the pool's threads run instead of the program's function.
void run_pool_task(void* data, void* pool) {
  auto* p = static_cast<glib_pool*>(pool);
  // A scheduling point: without it a pool thread that started first ran
  // every task in a row, and tasks never interleaved as on real threads.
  library_point("GThreadPool task", reinterpret_cast<const void*>(p->func));
  acquire_at(&p->pushed);
  p->func(data, p->user_data);
  release_at(&p->finished);
}

/// A GAsyncQueue's pop: what it returns was pushed before (one clock per queue).
void* popped(const _GAsyncQueue* queue, void* item) {
  if (item != nullptr) acquire_at(queue);
  return item;
}

}  // namespace
}  // namespace weft::detail::instrument

using namespace weft::detail;
using namespace weft::detail::instrument;

extern "C" {

void g_mutex_init(_GMutex* m) {
  forget(m, sizeof(void*) * 2);
  real_g_mutex_init(m);
}

void g_mutex_clear(_GMutex* m) {
  if (tables() == nullptr) return real_g_mutex_clear(m);
  forget(m, sizeof(void*) * 2);
}

void g_mutex_lock(_GMutex* m) {
  if (tables() == nullptr) return real_g_mutex_lock(m);
  const weft_section weft;
  mutex_lock(glib_mutex(m), glib_caller(WEFT_PC));
}

gboolean g_mutex_trylock(_GMutex* m) {
  if (tables() == nullptr) return real_g_mutex_trylock(m);
  const weft_section weft;
  return mutex_try_lock(glib_mutex(m), glib_caller(WEFT_PC)) ? 1 : 0;
}

void g_mutex_unlock(_GMutex* m) {
  if (tables() == nullptr) return real_g_mutex_unlock(m);
  const weft_section weft;
  mutex_unlock(glib_mutex(m), glib_caller(WEFT_PC));
}

void g_rec_mutex_init(_GRecMutex* m) {
  forget(m, sizeof(void*) * 2);
  real_g_rec_mutex_init(m);
}

void g_rec_mutex_clear(_GRecMutex* m) {
  if (tables() == nullptr) return real_g_rec_mutex_clear(m);
  forget(m, sizeof(void*) * 2);
}

void g_rec_mutex_lock(_GRecMutex* m) {
  if (tables() == nullptr) return real_g_rec_mutex_lock(m);
  const weft_section weft;
  mutex_lock(glib_rec_mutex(m), glib_caller(WEFT_PC));
}

gboolean g_rec_mutex_trylock(_GRecMutex* m) {
  if (tables() == nullptr) return real_g_rec_mutex_trylock(m);
  const weft_section weft;
  return mutex_try_lock(glib_rec_mutex(m), glib_caller(WEFT_PC)) ? 1 : 0;
}

void g_rec_mutex_unlock(_GRecMutex* m) {
  if (tables() == nullptr) return real_g_rec_mutex_unlock(m);
  const weft_section weft;
  mutex_unlock(glib_rec_mutex(m), glib_caller(WEFT_PC));
}

void g_rw_lock_init(_GRWLock* l) {
  forget(l, sizeof(void*) * 2);
  real_g_rw_lock_init(l);
}

void g_rw_lock_clear(_GRWLock* l) {
  if (tables() == nullptr) return real_g_rw_lock_clear(l);
  forget(l, sizeof(void*) * 2);
}

void g_rw_lock_writer_lock(_GRWLock* l) {
  if (tables() == nullptr) return real_g_rw_lock_writer_lock(l);
  const weft_section weft;
  mutex_lock(glib_rw_lock(l), glib_caller(WEFT_PC));
}

gboolean g_rw_lock_writer_trylock(_GRWLock* l) {
  if (tables() == nullptr) return real_g_rw_lock_writer_trylock(l);
  const weft_section weft;
  return mutex_try_lock(glib_rw_lock(l), glib_caller(WEFT_PC)) ? 1 : 0;
}

void g_rw_lock_writer_unlock(_GRWLock* l) {
  if (tables() == nullptr) return real_g_rw_lock_writer_unlock(l);
  const weft_section weft;
  mutex_unlock(glib_rw_lock(l), glib_caller(WEFT_PC));
}

void g_rw_lock_reader_lock(_GRWLock* l) {
  if (tables() == nullptr) return real_g_rw_lock_reader_lock(l);
  const weft_section weft;
  mutex_lock_shared(glib_rw_lock(l), glib_caller(WEFT_PC));
}

gboolean g_rw_lock_reader_trylock(_GRWLock* l) {
  if (tables() == nullptr) return real_g_rw_lock_reader_trylock(l);
  const weft_section weft;
  return mutex_try_lock_shared(glib_rw_lock(l), glib_caller(WEFT_PC)) ? 1 : 0;
}

void g_rw_lock_reader_unlock(_GRWLock* l) {
  if (tables() == nullptr) return real_g_rw_lock_reader_unlock(l);
  const weft_section weft;
  mutex_unlock_shared(glib_rw_lock(l), glib_caller(WEFT_PC));
}

void g_cond_init(_GCond* c) {
  forget(c, sizeof(void*) * 2);
  real_g_cond_init(c);
}

void g_cond_clear(_GCond* c) {
  if (tables() == nullptr) return real_g_cond_clear(c);
  forget(c, sizeof(void*) * 2);
}

void g_cond_wait(_GCond* c, _GMutex* m) {
  if (tables() == nullptr) return real_g_cond_wait(c, m);
  const weft_section weft;
  const location where = glib_caller(WEFT_PC);
  wait_on(cv_at(current_tables(), c), glib_mutex(m), nullptr, where);
}

// end_time: g_get_monotonic_time()'s microseconds; FALSE once it passed.
gboolean g_cond_wait_until(_GCond* c, _GMutex* m, std::int64_t end_time) {
  if (tables() == nullptr) return real_g_cond_wait_until(c, m, end_time);
  const weft_section weft;
  const location where = glib_caller(WEFT_PC);
  timespec at{};
  at.tv_sec = static_cast<time_t>(end_time / 1'000'000);
  at.tv_nsec = static_cast<long>(end_time % 1'000'000) * 1000;
  const weft::time_point deadline = logical_deadline(CLOCK_MONOTONIC, &at);
  return wait_on(cv_at(current_tables(), c), glib_mutex(m), &deadline, where) ? 1 : 0;
}

void g_cond_signal(_GCond* c) {
  if (tables() == nullptr) return real_g_cond_signal(c);
  const weft_section weft;
  cv_notify(cv_at(current_tables(), c), false, glib_caller(WEFT_PC));
}

void g_cond_broadcast(_GCond* c) {
  if (tables() == nullptr) return real_g_cond_broadcast(c);
  const weft_section weft;
  cv_notify(cv_at(current_tables(), c), true, glib_caller(WEFT_PC));
}

// g_once_init_enter: TRUE for the one thread that initialises *location
// (the others wait for its g_once_init_leave), FALSE once it is set.
gboolean g_once_init_enter(volatile void* location) {
  if (tables() == nullptr) return real_g_once_init_enter(location);
  const weft_section weft;
  const auto value = [location] { return *static_cast<const volatile std::uintptr_t*>(location); };
  return once_begin(
             const_cast<const void*>(location), [&] { return value() != 0; }, glib_caller(WEFT_PC))
             ? 1
             : 0;
}

void g_once_init_leave(volatile void* location, std::uintptr_t result) {
  if (tables() == nullptr) return real_g_once_init_leave(location, result);
  once_end(
      const_cast<const void*>(location),
      [&] {
        __tsan_atomic64_store(static_cast<volatile std::int64_t*>(location), static_cast<std::int64_t>(result),
                              __ATOMIC_RELEASE);
      },
      glib_caller(WEFT_PC));
}

// g_once(once, func, arg): GOnce is { volatile GOnceStatus status; volatile
// gpointer retval; }, READY (2) once func returned.
void* g_once_impl(_GOnce* once, GThreadFunc func, void* arg) {
  if (tables() == nullptr) return real_g_once_impl(once, func, arg);
  auto* status = reinterpret_cast<volatile std::int32_t*>(once);
  auto* retval = reinterpret_cast<void* volatile*>(reinterpret_cast<char*>(once) + sizeof(void*));
  constexpr std::int32_t ready = 2;
  const location where = glib_caller(WEFT_PC);
  bool mine = false;
  {
    const weft_section weft;
    mine = once_begin(
        once, [status] { return *status == ready; }, where);
  }
  if (!mine) return *retval;
  void* const value = func(arg);
  once_end(
      once,
      [&] {
        *retval = value;
        __tsan_atomic32_store(status, ready, __ATOMIC_RELEASE);
      },
      where);
  return value;
}

// GThreadPool: the pool runs run_pool_task, which orders each task after
// the pushes before it and the pool's end after every task. GLib's pool
// hands tasks over through its own GAsyncQueue, inside libglib, unseen.
_GThreadPool* g_thread_pool_new(GFunc func, void* user_data, int max_threads, gboolean exclusive, _GError** error) {
  if (tables() == nullptr) return real_g_thread_pool_new(func, user_data, max_threads, exclusive, error);
  glib_pool* pool = nullptr;
  {
    const weft_section weft;  // weft's own, never freed: a pool's tasks may outlive its handle
    pool = new glib_pool{func, user_data, 0, 0};
  }
  _GThreadPool* made = real_g_thread_pool_new(run_pool_task, pool, max_threads, exclusive, error);
  if (made != nullptr) {
    const weft_section weft;
    current_tables().glib_pools[made] = pool;
  }
  return made;
}

/// The pool run_pool_task serves for `made` (null: made outside this execution).
static glib_pool* pool_of(const _GThreadPool* made) {
  const weft_section weft;
  const auto found = current_tables().glib_pools.find(made);
  return found == current_tables().glib_pools.end() ? nullptr : static_cast<glib_pool*>(found->second);
}

gboolean g_thread_pool_push(_GThreadPool* made, void* data, _GError** error) {
  const serving_program_call serving(WEFT_PC);  // the pool's thread starts name this call
  if (tables() != nullptr) {
    if (glib_pool* pool = pool_of(made)) release_at(&pool->pushed);
  }
  return real_g_thread_pool_push(made, data, error);
}

void g_thread_pool_free(_GThreadPool* made, gboolean immediate, gboolean wait) {
  glib_pool* pool = tables() != nullptr ? pool_of(made) : nullptr;
  real_g_thread_pool_free(made, immediate, wait);
  if (pool != nullptr && wait) acquire_at(&pool->finished);
}

// GAsyncQueue: a push releases into the queue's clock, a pop that returns
// an item acquires it.
#define WEFT_GLIB_PUSH(name, ...)                                            \
  library_point("g_async_queue push", WEFT_PC);                              \
  if (tables() != nullptr) release_at(queue); \
  real_##name(__VA_ARGS__)

void g_async_queue_push(_GAsyncQueue* queue, void* data) { WEFT_GLIB_PUSH(g_async_queue_push, queue, data); }
void g_async_queue_push_unlocked(_GAsyncQueue* queue, void* data) {
  WEFT_GLIB_PUSH(g_async_queue_push_unlocked, queue, data);
}
void g_async_queue_push_front(_GAsyncQueue* queue, void* data) {
  WEFT_GLIB_PUSH(g_async_queue_push_front, queue, data);
}
void g_async_queue_push_front_unlocked(_GAsyncQueue* queue, void* data) {
  WEFT_GLIB_PUSH(g_async_queue_push_front_unlocked, queue, data);
}
void g_async_queue_push_sorted(_GAsyncQueue* queue, void* data, GCompareDataFunc compare, void* user_data) {
  WEFT_GLIB_PUSH(g_async_queue_push_sorted, queue, data, compare, user_data);
}
void g_async_queue_push_sorted_unlocked(_GAsyncQueue* queue, void* data, GCompareDataFunc compare, void* user_data) {
  WEFT_GLIB_PUSH(g_async_queue_push_sorted_unlocked, queue, data, compare, user_data);
}

void* g_async_queue_pop(_GAsyncQueue* queue) { return popped(queue, real_g_async_queue_pop(queue)); }
void* g_async_queue_pop_unlocked(_GAsyncQueue* queue) { return popped(queue, real_g_async_queue_pop_unlocked(queue)); }
void* g_async_queue_try_pop(_GAsyncQueue* queue) { return popped(queue, real_g_async_queue_try_pop(queue)); }
void* g_async_queue_try_pop_unlocked(_GAsyncQueue* queue) {
  return popped(queue, real_g_async_queue_try_pop_unlocked(queue));
}
void* g_async_queue_timeout_pop(_GAsyncQueue* queue, std::uint64_t timeout) {
  return popped(queue, real_g_async_queue_timeout_pop(queue, timeout));
}
void* g_async_queue_timeout_pop_unlocked(_GAsyncQueue* queue, std::uint64_t timeout) {
  return popped(queue, real_g_async_queue_timeout_pop_unlocked(queue, timeout));
}

}  // extern "C"
