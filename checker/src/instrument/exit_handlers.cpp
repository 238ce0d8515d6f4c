// The program's exit work inside an execution of weft exec: the functions
// it gave atexit() and the destructors of its statics run when it ends
// (exit(), or main's return) in the thread that ends it, while its other
// threads still run, as a process's exit runs them. A static destroyed under
// a detached worker that still reads it, an atexit handler that frees what a
// thread still uses, a destructor that waits for a thread forever: each is
// found as on real threads. Before, an execution ended at exit() without
// them (each execution's process ends with _exit), and those bugs passed.
//
// __cxa_atexit is interposed (atexit() and every static's constructor call
// it). A registration is the program's when its module is this executable
// (weft's runtime is linked into it, so __dso_handle here is the program's)
// and the program's instrumented code makes it: inside an instrumented
// function (__tsan_func_entry counts them) and, once the execution runs, not
// from inside weft's own code. weft's statics live in the same executable
// but are constructed by uninstrumented code: theirs are left to glibc.
// Every registration still goes to glibc, so a program run without weft
// exec ends as it always does. Not run: registrations of shared libraries,
// on_exit() and at_quick_exit() handlers.
#include <array>
#include <atomic>
#include <cstddef>

#include "../runtime/program_code.hpp"
#include "address_objects.hpp"
#include "interpose.hpp"

// This executable's __dso_handle (crtbeginS.o), by its assembler name: the
// compiler declares the C++ name itself for the statics of the file.
[[gnu::visibility("hidden")]] extern char executable_dso_handle[] __asm__("__dso_handle");

namespace weft::detail::instrument {

thread_local unsigned instrumented_depth = 0;

namespace {

struct exit_handler {
  void (*function)(void*) = nullptr;
  void* argument = nullptr;
};

/// The program's registrations, oldest first. A fixed table: registrations
/// start before any constructor of weft's has run. Past its end they are
/// glibc's alone (documented).
constexpr std::size_t max_handlers = 4096;
constinit std::array<exit_handler, max_handlers> handlers{};
constinit std::atomic<std::size_t> registered{0};
constinit bool exit_work_running = false;  // in this process (an execution's): exit work under way

constinit std::atomic<void*> real_cxa_atexit{nullptr};

bool the_programs(void* dso) {
  if (dso != nullptr && dso != executable_dso_handle) return false;  // a shared library's
  if (instrumented_depth == 0) return false;                         // weft's own statics, or libc's
  return tables() == nullptr || in_program;  // before main, or the program's code in an execution
}

}  // namespace

void run_program_exit_handlers() {
  if (exit_work_running) return;  // exit() again, from a handler or another thread: the first one goes on
  exit_work_running = true;
  // Last registered first; a handler may register more (they run next).
  for (std::size_t n = registered.load(std::memory_order_relaxed); n > 0;
       n = registered.load(std::memory_order_relaxed)) {
    const exit_handler h = handlers[n - 1];
    registered.store(n - 1, std::memory_order_relaxed);
    const program_section program;
    h.function(h.argument);
  }
}

}  // namespace weft::detail::instrument

using namespace weft::detail::instrument;

extern "C" int __cxa_atexit(void (*function)(void*), void* argument, void* dso) noexcept {
  if (the_programs(dso)) {
    const std::size_t slot = registered.fetch_add(1, std::memory_order_relaxed);
    if (slot < max_handlers) {
      handlers[slot] = {function, argument};
    } else {
      registered.fetch_sub(1, std::memory_order_relaxed);  // full: glibc's alone
    }
  }
  return reinterpret_cast<int (*)(void (*)(void*), void*, void*)>(resolve_real(real_cxa_atexit, "__cxa_atexit"))(
      function, argument, dso);
}
