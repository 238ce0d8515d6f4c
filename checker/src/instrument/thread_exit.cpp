// thread_exit.cpp — how pthread_exit (and a cancellation acted on) ends a
// logical thread: with the forced unwinding glibc's pthread_exit uses, not a
// C++ exception of weft's.
//
// glibc unwinds the exiting thread with _Unwind_ForcedUnwind: every frame's
// cleanups run (destructors), a `catch (abi::__forced_unwind&)` and a
// `catch (...)` are entered and must rethrow (libstdc++'s futures and
// std::call_once do), and a `catch (...)` that ends without rethrowing
// deletes the exception, where glibc aborts the process ("FATAL: exception
// not rethrown"). A stop function ends the unwinding at the thread's start.
// weft used to end the thread with a C++ exception of its own: `catch
// (abi::__forced_unwind&)` did not match it (a handler meant for the job's
// own errors took it instead), and a `catch (...)` that swallowed it let the
// thread go on as if its job had returned. Here the unwinding is glibc's
// kind, stopped at the innermost run_until_thread_exit of the logical
// thread (its start routine's caller, or main's), which longjmps back.
#include <unwind.h>

#include <csetjmp>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "address_objects.hpp"
#include "interpose.hpp"

namespace weft::detail::instrument {
namespace {

/// A run_until_thread_exit on the logical thread's stack: where the
/// unwinding stops, and the exception it carries (alive until then).
struct exit_point {
  std::jmp_buf back;
  std::uintptr_t frame = 0;  // run_until_thread_exit's frame: the thread's frames lie below it
  _Unwind_Exception exception{};
};

/// weft's thread_locals are a logical thread's own.
thread_local exit_point* innermost_exit = nullptr;

/// Called for each frame before its cleanups run: the frames up to the
/// thread's start are unwound, that one's caller is not.
_Unwind_Reason_Code stop_at_start(int, _Unwind_Action actions, _Unwind_Exception_Class, _Unwind_Exception*,
                                  _Unwind_Context* context, void* point) {
  exit_point& p = *static_cast<exit_point*>(point);
  if ((actions & _UA_END_OF_STACK) != 0 || _Unwind_GetCFA(context) > p.frame) std::longjmp(p.back, 1);
  return _URC_NO_REASON;
}

/// A `catch (...)` ended without rethrowing the unwinding: glibc aborts.
void swallowed(_Unwind_Reason_Code, _Unwind_Exception*) {
  const void* pc = __builtin_return_address(0);
  const weft_section weft;
  fail(finding_kind::crash,
       "thread " + std::to_string(current_thread_id()) +
           " caught its own end (pthread_exit, or a cancellation it acted on) in a catch (...) that did not "
           "rethrow it; glibc aborts the process there (\"FATAL: exception not rethrown\")",
       program_call_site(pc));
}

}  // namespace

// Not inlined: its frame is the one the unwinding stops below. The
// longjmp comes back into this frame, so `innermost` is still alive and
// puts the outer point back however the body ends (return, unwinding, a C++
// exception).
[[gnu::noinline]] bool run_until_thread_exit(void (*body)(void*), void* context) {
  exit_point p;
  p.frame = reinterpret_cast<std::uintptr_t>(__builtin_frame_address(0));
  struct innermost_while_here {
    exit_point* outer;
    ~innermost_while_here() { innermost_exit = outer; }
  } innermost{innermost_exit};
  innermost_exit = &p;
  if (setjmp(p.back) != 0) return true;
  body(context);
  return false;
}

void unwind_thread() {
  exit_point* p = innermost_exit;
  if (p == nullptr) {
    const weft_section weft;
    fail(finding_kind::crash,
         "thread " + std::to_string(current_thread_id()) + " called pthread_exit outside the code weft started it in",
         program_call_site(__builtin_return_address(0)));
  }
  p->exception = {};
  p->exception.exception_class = 0x5745'4654'4558'4954;  // "WEFTEXIT": not a C++ exception
  p->exception.exception_cleanup = swallowed;
  _Unwind_ForcedUnwind(&p->exception, stop_at_start, p);
  std::abort();  // the unwinder failed (no unwind information): unreachable on x86-64 Linux
}

}  // namespace weft::detail::instrument
