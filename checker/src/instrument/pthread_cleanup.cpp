// pthread_cleanup.cpp — the handlers of pthread_cleanup_push in C code, run
// by pthread_exit inside a checked execution, as glibc runs them.
//
// Compiled as C without -fexceptions, glibc's pthread_cleanup_push is a
// setjmp buffer registered with __pthread_register_cancel (and
// pthread_cleanup_pop unregisters it); glibc's pthread_exit unwinds the
// thread by jumping into the innermost registered frame, whose handler runs
// and calls __pthread_unwind_next for the next one. weft's pthread_exit ends
// a logical thread with a forced unwinding (thread_exit.cpp), which runs
// C++ destructors and the cleanups of C++ and -fexceptions C code, but
// not these buffers: the handlers of a C thread that called pthread_exit
// never ran (a mutex they would unlock stayed locked, a count they would
// drop stayed up), a difference from real threads. Here the registrations
// are kept per logical thread (weft's thread_locals are a logical thread's
// own) and exit_thread() jumps into them in turn; after the last, the
// unwinding ends the thread. Outside an execution, glibc's own run.
#include <pthread.h>
#include <setjmp.h>

#include "address_objects.hpp"
#include "interpose.hpp"

// Declared by <pthread.h> for C without exceptions only.
extern "C" {
void __pthread_register_cancel(__pthread_unwind_buf_t* buf);
void __pthread_unregister_cancel(__pthread_unwind_buf_t* buf);
void __pthread_register_cancel_defer(__pthread_unwind_buf_t* buf);
void __pthread_unregister_cancel_restore(__pthread_unwind_buf_t* buf);
[[noreturn]] void __pthread_unwind_next(__pthread_unwind_buf_t* buf);
}

namespace weft::detail::instrument {
namespace {

WEFT_REAL(__pthread_register_cancel);
WEFT_REAL(__pthread_unregister_cancel);
WEFT_REAL(__pthread_register_cancel_defer);
WEFT_REAL(__pthread_unregister_cancel_restore);
WEFT_REAL(__pthread_unwind_next);

/// The innermost registered handler's buffer of this logical thread; each
/// buffer's first pad word holds the one it was pushed over (glibc keeps
/// its own link there too).
thread_local __pthread_unwind_buf_t* innermost = nullptr;

__pthread_unwind_buf_t* outer_of(const __pthread_unwind_buf_t* buf) {
  return static_cast<__pthread_unwind_buf_t*>(buf->__pad[0]);
}

void push(__pthread_unwind_buf_t* buf) {
  buf->__pad[0] = innermost;
  innermost = buf;
}

/// Into the frame that registered `buf`, where the macro runs the handler
/// (then calls __pthread_unwind_next); with none left, the thread ends.
[[noreturn]] void run_from(__pthread_unwind_buf_t* buf) {
  innermost = buf;
  if (buf == nullptr) unwind_thread();
  siglongjmp(reinterpret_cast<__jmp_buf_tag*>(static_cast<void*>(buf->__cancel_jmp_buf)), 1);
}

}  // namespace

void exit_thread() { run_from(innermost); }

}  // namespace weft::detail::instrument

using namespace weft::detail::instrument;

extern "C" {

void __pthread_register_cancel(__pthread_unwind_buf_t* buf) {
  if (tables() == nullptr) return real___pthread_register_cancel(buf);
  push(buf);
}

void __pthread_register_cancel_defer(__pthread_unwind_buf_t* buf) {  // cancellation is refused: no type to set
  if (tables() == nullptr) return real___pthread_register_cancel_defer(buf);
  push(buf);
}

void __pthread_unregister_cancel(__pthread_unwind_buf_t* buf) {
  if (tables() == nullptr) return real___pthread_unregister_cancel(buf);
  innermost = outer_of(buf);
}

void __pthread_unregister_cancel_restore(__pthread_unwind_buf_t* buf) {
  if (tables() == nullptr) return real___pthread_unregister_cancel_restore(buf);
  innermost = outer_of(buf);
}

void __pthread_unwind_next(__pthread_unwind_buf_t* buf) {
  if (tables() == nullptr) real___pthread_unwind_next(buf);
  run_from(outer_of(buf));
}

}  // extern "C"
