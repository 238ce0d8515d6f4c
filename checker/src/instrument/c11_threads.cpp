// C11's <threads.h> on the pthread calls weft interposes. glibc implements
// thrd_create, mtx_lock, cnd_wait... with internal calls to its pthread
// functions, which an executable's definitions do not replace: a C11 thread
// ran as a real thread beside the logical ones, its accesses and locks
// unseen (a race between it and main passed as clean). Each C11 call here is
// the pthread call it stands for, so it goes through weft inside a checked
// execution and through glibc outside one, with C11's result codes.
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <threads.h>
#include <time.h>

#include <cstdint>
#include <new>
#include <type_traits>

#include "interpose.hpp"

namespace {

struct c11_start {
  thrd_start_t function;
  void* argument;
};

using weft::detail::weft_code;  // a thread's start record is weft's memory, not the program's

void* run_c11(void* start) {
  const c11_start s = *static_cast<c11_start*>(start);
  {
    const weft_code own;
    delete static_cast<c11_start*>(start);
  }
  return reinterpret_cast<void*>(static_cast<std::intptr_t>(s.function(s.argument)));
}

int c11_result(int pthread_result) {
  switch (pthread_result) {
    case 0: return thrd_success;
    case EBUSY: return thrd_busy;
    case ETIMEDOUT: return thrd_timedout;
    case ENOMEM: return thrd_nomem;
    default: return thrd_error;
  }
}

static_assert(sizeof(mtx_t) == sizeof(pthread_mutex_t) && sizeof(cnd_t) == sizeof(pthread_cond_t) &&
              sizeof(thrd_t) == sizeof(pthread_t) && sizeof(tss_t) == sizeof(pthread_key_t) &&
              sizeof(once_flag) == sizeof(pthread_once_t));
pthread_mutex_t* as_pthread(mtx_t* m) { return reinterpret_cast<pthread_mutex_t*>(m); }
pthread_cond_t* as_pthread(cnd_t* c) { return reinterpret_cast<pthread_cond_t*>(c); }

/// `call()` (a pthread call), reported as made where the program called the
/// C11 function `caller` returns to (interpose.hpp's wrapper_caller).
template <class Call>
[[gnu::always_inline]] inline auto as_program(const void* caller, Call call) {
  using weft::detail::instrument::wrapper_caller;
  wrapper_caller = caller;
  if constexpr (std::is_void_v<decltype(call())>) {
    call();
    wrapper_caller = nullptr;
  } else {
    auto result = call();
    wrapper_caller = nullptr;
    return result;
  }
}
// In a C11 function: its pthread call, at the program's line.
#define WEFT_FROM_PROGRAM(call) as_program(__builtin_return_address(0), [&] { return call; })

}  // namespace

extern "C" {

int thrd_create(thrd_t* thread, thrd_start_t function, void* argument) {
  c11_start* start = nullptr;
  {
    const weft_code own;
    start = new (std::nothrow) c11_start{function, argument};
  }
  if (start == nullptr) return thrd_nomem;
  const int rc = WEFT_FROM_PROGRAM(pthread_create(reinterpret_cast<pthread_t*>(thread), nullptr, run_c11, start));
  if (rc != 0) {
    const weft_code own;
    delete start;
  }
  return c11_result(rc);
}

int thrd_join(thrd_t thread, int* result) {
  void* value = nullptr;
  const int rc = WEFT_FROM_PROGRAM(pthread_join(thread, &value));
  if (rc == 0 && result != nullptr) *result = static_cast<int>(reinterpret_cast<std::intptr_t>(value));
  return c11_result(rc);
}

int thrd_detach(thrd_t thread) { return c11_result(WEFT_FROM_PROGRAM(pthread_detach(thread))); }
thrd_t thrd_current() { return pthread_self(); }
int thrd_equal(thrd_t a, thrd_t b) { return a == b; }
void thrd_yield() { WEFT_FROM_PROGRAM(sched_yield()); }

[[noreturn]] void thrd_exit(int result) {
  pthread_exit(reinterpret_cast<void*>(static_cast<std::intptr_t>(result)));
}

int thrd_sleep(const timespec* duration, timespec* remaining) {
  if (WEFT_FROM_PROGRAM(nanosleep(duration, remaining)) == 0) return 0;
  return errno == EINTR ? -1 : -2;
}

int mtx_init(mtx_t* m, int type) {
  pthread_mutexattr_t attr;
  pthread_mutexattr_init(&attr);
  if ((type & mtx_recursive) != 0) pthread_mutexattr_settype(&attr, PTHREAD_MUTEX_RECURSIVE);
  const int rc = pthread_mutex_init(as_pthread(m), &attr);
  pthread_mutexattr_destroy(&attr);
  return c11_result(rc);
}

int mtx_lock(mtx_t* m) { return c11_result(WEFT_FROM_PROGRAM(pthread_mutex_lock(as_pthread(m)))); }
int mtx_trylock(mtx_t* m) { return c11_result(WEFT_FROM_PROGRAM(pthread_mutex_trylock(as_pthread(m)))); }
int mtx_timedlock(mtx_t* m, const timespec* until) {
  return c11_result(WEFT_FROM_PROGRAM(pthread_mutex_timedlock(as_pthread(m), until)));
}
int mtx_unlock(mtx_t* m) { return c11_result(WEFT_FROM_PROGRAM(pthread_mutex_unlock(as_pthread(m)))); }
void mtx_destroy(mtx_t* m) { WEFT_FROM_PROGRAM(pthread_mutex_destroy(as_pthread(m))); }

int cnd_init(cnd_t* c) { return c11_result(pthread_cond_init(as_pthread(c), nullptr)); }
int cnd_signal(cnd_t* c) { return c11_result(WEFT_FROM_PROGRAM(pthread_cond_signal(as_pthread(c)))); }
int cnd_broadcast(cnd_t* c) { return c11_result(WEFT_FROM_PROGRAM(pthread_cond_broadcast(as_pthread(c)))); }
int cnd_wait(cnd_t* c, mtx_t* m) {
  return c11_result(WEFT_FROM_PROGRAM(pthread_cond_wait(as_pthread(c), as_pthread(m))));
}
int cnd_timedwait(cnd_t* c, mtx_t* m, const timespec* until) {
  return c11_result(WEFT_FROM_PROGRAM(pthread_cond_timedwait(as_pthread(c), as_pthread(m), until)));
}
void cnd_destroy(cnd_t* c) { WEFT_FROM_PROGRAM(pthread_cond_destroy(as_pthread(c))); }

void call_once(once_flag* flag, void (*function)()) {
  WEFT_FROM_PROGRAM(pthread_once(reinterpret_cast<pthread_once_t*>(flag), function));
}

int tss_create(tss_t* key, tss_dtor_t destructor) { return c11_result(pthread_key_create(key, destructor)); }
void* tss_get(tss_t key) { return pthread_getspecific(key); }
int tss_set(tss_t key, void* value) { return c11_result(pthread_setspecific(key, value)); }
void tss_delete(tss_t key) { pthread_key_delete(key); }

}  // extern "C"
