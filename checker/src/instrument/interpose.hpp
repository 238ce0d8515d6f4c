// interpose.hpp — what the instrumentation runtime's interposed functions
// share: logical threads' pthread_t handles, how pthread_exit leaves a
// logical thread, and how each reaches the real function it stands in for.
#pragma once

#include <dlfcn.h>

#include <atomic>
#include <cstdint>
#include <type_traits>

#include "../runtime/program_code.hpp"
#include "../runtime/stack_walk.hpp"  // in_system_library
#include "weft/detail/location.hpp"

namespace weft::detail::instrument {

/// Logical threads as pthread_t: a handle that no real thread has.
constexpr std::uintptr_t handle_base = 0x5eef'0000'0000'0000;
inline std::uintptr_t handle_of(std::uint32_t id) { return handle_base + id + 1; }
inline bool is_handle(std::uintptr_t t) { return (t & 0xffff'0000'0000'0000) == handle_base; }
inline std::uint32_t id_of(std::uintptr_t t) { return static_cast<std::uint32_t>(t - handle_base - 1); }

/// Where the program called a wrapper of weft's that makes a pthread call
/// in its place (C11's thrd_*, mtx_*, cnd_*: c11_threads.cpp), set by the
/// wrapper just before that call: the pthread hook takes it as its own call
/// site (and clears it) when it begins, so a finding names the program's
/// line, not the wrapper's. The wrapper clears it after the call too (a hook
/// outside an execution does not read it).
extern thread_local const void* wrapper_caller;

/// The program's call that the library code running on this logical thread
/// serves (a return address into the program; null: none): a hook of
/// weft's that hands the call to the library (g_thread_pool_push,
/// QThreadPool::start, oneTBB's spawn) sets it, and a thread start or join
/// that the library makes meanwhile names that call as its place, not the
/// library's code nor weft's hook (program_call_site in
/// pthread_interpose.cpp). The outermost call wins: the library calling
/// back into another hook does not replace it.
extern thread_local const void* serving_call;

/// While it lives, library code runs for the program's call that returns to
/// `program_pc` (serving_call), unless an outer call is served already.
class serving_program_call {
 public:
  explicit serving_program_call(const void* program_pc) noexcept : outer_(serving_call) {
    if (outer_ == nullptr) serving_call = program_pc;
  }
  ~serving_program_call() { serving_call = outer_; }
  serving_program_call(const serving_program_call&) = delete;
  serving_program_call& operator=(const serving_program_call&) = delete;

 private:
  const void* outer_;
};

/// Runs `body(context)`, a logical thread's start routine or main: false
/// when it returns, true when its thread ended with pthread_exit (or a
/// cancellation it acted on) inside it (thread_exit.cpp). Exceptions pass.
bool run_until_thread_exit(void (*body)(void*), void* context);
template <class F>
bool run_until_thread_exit(F&& body) {
  return run_until_thread_exit([](void* f) { (*static_cast<std::remove_reference_t<F>*>(f))(); }, &body);
}
/// pthread_exit's end of the current logical thread: the cleanup handlers
/// C code registered run first, innermost first (pthread_cleanup.cpp), then
/// unwind_thread().
[[noreturn]] void exit_thread();
/// The thread's frames unwound as glibc unwinds them (a forced unwinding:
/// destructors run, `catch (abi::__forced_unwind&)` and `catch (...)` see
/// it and must rethrow it) up to its run_until_thread_exit.
[[noreturn]] void unwind_thread();

/// Where the program called, as a location: the call that returns to
/// `hook_return`, or the program's call above it when that is inside a
/// system library (pthread_interpose.cpp).
location program_call_site(const void* hook_return);

/// The next definition of `name` after this executable's (libc's), resolved
/// on first use into `address`.
inline void* resolve_real(std::atomic<void*>& address, const char* name) {
  void* p = address.load(std::memory_order_relaxed);
  if (p == nullptr) address.store(p = ::dlsym(RTLD_NEXT, name), std::memory_order_relaxed);
  return p;
}

/// resolve_real, or, when no library loaded after the executable defines
/// `name`, the definition in `library`, loaded then. A program whose every
/// call into a library is one weft defines (GThreadPool's alone, absl::Mutex's
/// alone) links without it under --as-needed, yet still calls the real one
/// outside an execution.
/// The loading is libc's work, not the program's: its allocations (the
/// failed lookup's error string, the library's own) are not checked.
inline void* resolve_real_in(std::atomic<void*>& address, const char* name, const char* library) {
  void* p = address.load(std::memory_order_relaxed);
  if (p != nullptr) return p;
  {
    const weft_code loading;
    p = ::dlsym(RTLD_NEXT, name);
    if (p == nullptr) {
      if (void* loaded = ::dlopen(library, RTLD_NOW | RTLD_LOCAL)) p = ::dlsym(loaded, name);
    }
  }
  address.store(p, std::memory_order_relaxed);
  return p;
}

/// In a program that links oneTBB, names weft's ITT collector to libtbb
/// (tbb_tasks.cpp); called once, before main, in the process that forks
/// the executions.
void offer_itt_collector();
/// In an execution's process, before the program runs: its reads of the
/// time-stamp counter (rdtsc) answer logical time (tsc_reads.cpp).
void trap_counter_reads();
/// While it lives, the counter is not trapped: a process the program starts
/// (popen's shell, posix_spawn's program) inherits it untrapped, where its
/// first rdtsc (glibc's loader takes one) would die of the SIGSEGV.
class real_counter_reads {
 public:
  real_counter_reads() noexcept;
  ~real_counter_reads();
  real_counter_reads(const real_counter_reads&) = delete;
  real_counter_reads& operator=(const real_counter_reads&) = delete;

 private:
  bool lifted_;
};

}  // namespace weft::detail::instrument

// WEFT_PC: in an interposed function, where the program called it from (its
// return address), which names the call's place in findings and traces.
#define WEFT_PC __builtin_return_address(0)

// WEFT_REAL(name) declares real_name, callable as the real function `name`:
// constant-initialized and resolved on its first call, so a call from a
// static initializer that runs before the declaring file's (libstdc++'s
// std::ios_base::Init calls pthread_once from a program's first <iostream>
// user) finds it. In weft exec most are resolved in the fork server, before
// the executions it forks.
#define WEFT_REAL(name)                                                                                     \
  struct real_##name##_function {                                                                           \
    const char* symbol;                                                                                     \
    std::atomic<void*> address{nullptr};                                                                    \
    template <class... A>                                                                                   \
    auto operator()(A... a) {                                                                               \
      return reinterpret_cast<decltype(&::name)>(::weft::detail::instrument::resolve_real(address, symbol))(a...); \
    }                                                                                                       \
  };                                                                                                        \
  constinit real_##name##_function real_##name { #name }

// WEFT_REAL_SYMBOL(type, symbol, library): a compiled library's entry point
// by its (mangled) symbol, as a `type*` resolved on first use
// (resolve_real_in: in `library`, a soname, when the program was linked
// without it).
#define WEFT_REAL_SYMBOL(type, symbol, library)                                                  \
  [] {                                                                                           \
    static std::atomic<void*> address{nullptr};                                                  \
    return reinterpret_cast<std::add_pointer_t<type>>(                                           \
        ::weft::detail::instrument::resolve_real_in(address, symbol, library));                  \
  }()

// WEFT_SYMBOL_ENTRY(returns, name, symbol, params...): weft's definition of a
// compiled library's entry point `symbol` (a C++ method's mangled name, its
// `this` the first parameter) under a C name of weft's.
#define WEFT_SYMBOL_ENTRY(returns, name, symbol, ...)   \
  extern "C" returns name(__VA_ARGS__) __asm__(symbol); \
  extern "C" returns name(__VA_ARGS__)

// WEFT_REAL_IN(name, library): WEFT_REAL, found in `library` (a soname) when
// the program was linked without it (resolve_real_in).
#define WEFT_REAL_IN(name, library)                                                                           \
  struct real_##name##_function {                                                                             \
    const char* symbol;                                                                                       \
    std::atomic<void*> address{nullptr};                                                                      \
    template <class... A>                                                                                     \
    auto operator()(A... a) {                                                                                 \
      return reinterpret_cast<decltype(&::name)>(                                                             \
          ::weft::detail::instrument::resolve_real_in(address, symbol, library))(a...);                       \
    }                                                                                                         \
  };                                                                                                          \
  constinit real_##name##_function real_##name { #name }
