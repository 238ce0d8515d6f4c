// Calls from compiled libraries into the program's instrumented code, and
// the order the libraries keep between them by means weft does not see,
// inside an execution of weft exec (address_objects.hpp: callback_entered,
// callback_leaving, callback_library_frees).
//
// __tsan_func_entry gets its caller's address: when that is in one of these
// libraries, the program's code is entered from it (a slot Qt runs, a sink
// spdlog's thread pool writes to, a destructor a library's last reference
// drop runs), and the call is kept on a small per-thread stack until its
// function returns.
//
//  - libQt6Core: its cross-thread calls and events (qt_events.cpp).
//  - gRPC's libgrpc++ and libgrpc: every call into the program (a callback
//    reactor's method, a completion's functor, a sync handler) acquires one
//    clock on entry and releases it when it returns; a batch of operations
//    started releases it, and a completion queue's event acquires it
//    (grpc_calls.cpp).
//  - libspdlog (Debian's compiled spdlog, SPDLOG_COMPILED_LIB): the
//    program makes its loggers and sinks with the headers' templates
//    (spdlog::create_async, std::make_shared), so their code and their
//    std::shared_ptr control blocks are the program's, instrumented, while
//    libspdlog keeps them: the registry, the async thread pool's messages
//    and the loggers hold shared_ptrs, whose counts libspdlog drops with
//    atomics compiled into it. The last drop (the registry's drop_all, or
//    the pool thread after its last message) runs the program's
//    _M_dispose, whose destructors came after the pool thread's last call
//    into the sink only through that count: a false data race at the first
//    executions under every strategy. So every call from libspdlog into the
//    program releases one clock when it returns, and a call from libspdlog
//    into a destructor or a shared_ptr's _M_dispose or _M_destroy acquires
//    it on entry. Two sink calls stay unordered (two threads writing a
//    single-threaded _st sink are found); what is lost is a race between a
//    sink call and a destructor libspdlog runs after it.
//    The pool's threads (started by libspdlog through std::thread:
//    library_starting_thread walks the stack at their start) format and
//    copy libspdlog's own objects through libfmt and libstdc++: on them,
//    what uninstrumented code copies, fills and frees outside the
//    program's calls is not checked, as libspdlog's own (openmp_locks.cpp,
//    in_opaque_library).
// Outside an execution nothing is added.
#include <dlfcn.h>

#include <algorithm>
#include <cstdint>
#include <string_view>

#include "../memory/atomic_memory.hpp"
#include "address_objects.hpp"
#include "interpose.hpp"
#include "library_code.hpp"
#include "../runtime/stack_walk.hpp"

namespace weft::detail::instrument {

std::uintptr_t qt_core_lo = 0, qt_core_hi = 0, spdlog_lo = 0, spdlog_hi = 0, grpcpp_lo = 0, grpcpp_hi = 0, grpc_lo = 0,
               grpc_hi = 0;
std::uintptr_t callback_code_lo = 0, callback_code_hi = 0;
char grpc_handoffs;
thread_local unsigned callback_depths[callback_nesting];
thread_local unsigned callbacks = 0;
thread_local callback_library thread_library = callback_library::none;

namespace {

/// The library each call on the stack came from.
thread_local callback_library callback_callers[callback_nesting];

/// What libspdlog's calls into the program did (released when each
/// returns), acquired by the destructors it calls.
char spdlog_calls;

/// The code of the first library found for `names`, or (0, 0); the span
/// of them all grows to hold it.
void note(const char* const* names, std::uintptr_t& lo, std::uintptr_t& hi) {
  const library_code code = library_code::of(names);
  lo = code.begin();
  hi = code.end();
  if (!code.found()) return;
  if (callback_code_hi == 0 || lo < callback_code_lo) callback_code_lo = lo;
  callback_code_hi = std::max(callback_code_hi, hi);
}

/// Whether the program's function whose code holds `pc` ends an object's
/// life: a destructor (Itanium mangling's D0, D1, D2) or a shared_ptr
/// control block's _M_dispose or _M_destroy. Remembered for the few
/// functions a library calls back.
bool ends_a_life(const void* pc) {
  struct known {
    const void* pc;
    bool ends;
  };
  constexpr unsigned kept = 32;
  static known seen[kept];
  static unsigned next = 0;
  for (const known& k : seen) {
    if (k.pc == pc) return k.ends;
  }
  Dl_info symbol{};
  bool ends = false;
  if (::dladdr(pc, &symbol) != 0 && symbol.dli_sname != nullptr) {
    const std::string_view name = symbol.dli_sname;
    ends = name.find("_M_dispose") != name.npos || name.find("_M_destroy") != name.npos ||
           name.ends_with("D0Ev") || name.ends_with("D1Ev") || name.ends_with("D2Ev");
  }
  seen[next++ % kept] = known{pc, ends};
  return ends;
}

/// What libspdlog's calls into the program published, for a store of
/// libspdlog's weft did not see (atomic_memory::unseen_code_released).
const vclock* spdlog_released() {
  if (current() == nullptr) return nullptr;
  return &current_tables().syncs[reinterpret_cast<std::uintptr_t>(&spdlog_calls)];
}

}  // namespace

void find_callback_libraries() {
  static constexpr const char* qt_core[] = {"/libQt6Core.so", nullptr};
  static constexpr const char* spdlog[] = {"/libspdlog.so", nullptr};
  static constexpr const char* grpcpp[] = {"/libgrpc++.so", nullptr};
  static constexpr const char* grpc[] = {"/libgrpc.so", nullptr};
  note(qt_core, qt_core_lo, qt_core_hi);
  note(spdlog, spdlog_lo, spdlog_hi);
  note(grpcpp, grpcpp_lo, grpcpp_hi);
  note(grpc, grpc_lo, grpc_hi);
  if (spdlog_lo != 0) atomic_memory::unseen_code_released = spdlog_released;
}

callback_library library_starting_thread() {
  if (spdlog_lo == 0 && !opaque_library_loaded()) return callback_library::none;
  // The nearest of them on the stack.
  callback_library found = callback_library::none;
  walk_stack([&found](const void* pc) {
    const auto at = reinterpret_cast<std::uintptr_t>(pc);
    if (at >= spdlog_lo && at < spdlog_hi) {
      found = callback_library::spdlog;
    } else if (in_opaque_library(pc)) {
      found = callback_library::opaque;
    }
    return found != callback_library::none;
  });
  return found;
}

void callback_entered(callback_library from, const void* callee) noexcept {
  if (callbacks < callback_nesting) {
    callback_depths[callbacks] = instrumented_depth;
    callback_callers[callbacks] = from;
    ++callbacks;
  }
  if (tables() == nullptr) return;
  if (from == callback_library::qt_core) {
    qt_callback_entered();
    return;
  }
  if (from == callback_library::grpc) return acquire_at(&grpc_handoffs);
  bool ends = false;
  {
    const weft_section weft;  // dladdr is weft's looking, not the program's
    ends = ends_a_life(callee);
  }
  if (ends) acquire_at(&spdlog_calls);  // a section of its own (inside one it would do nothing)
}

void callback_leaving() noexcept {
  const callback_library from = callback_callers[--callbacks];
  if (tables() == nullptr) return;
  if (from == callback_library::qt_core) {
    qt_callback_leaving();
  } else {
    release_at(from == callback_library::grpc ? static_cast<const void*>(&grpc_handoffs) : &spdlog_calls);
  }
}

void callback_library_frees() noexcept {
  for (unsigned i = 0; i < callbacks && i < callback_nesting; ++i) {
    if (callback_callers[i] == callback_library::qt_core) return qt_callback_frees();
  }
}

}  // namespace weft::detail::instrument
