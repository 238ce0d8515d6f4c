// stack_walk.hpp — the return addresses on the current thread's stack,
// innermost first (libgcc's unwinder), and whether an address is in a
// library the system installed, for the rules that ask whose code a call
// came from: a library starting a thread (library_callbacks.cpp), a copy
// libstdc++ makes for an opaque library (openmp_locks.cpp), the program's
// call a system library serves (pthread_interpose.cpp), the program's frame
// at start-up (startup_guard.cpp) and at an abort (death_capture.cpp).
#pragma once

#include <dlfcn.h>
#include <unwind.h>

#include <string_view>

#include "program_code.hpp"

namespace weft::detail {

/// Whether `pc` lies in a library the system installed (libstdc++, libc,
/// Qt...), not in the program's own code. The lookup and the comparison of
/// names are weft's work wherever it is asked (not reads of the program's).
inline bool in_system_library(const void* pc) {
  const weft_code weft;
  Dl_info module{};
  if (::dladdr(pc, &module) == 0 || module.dli_fname == nullptr) return false;
  const std::string_view file = module.dli_fname;
  return file.starts_with("/usr/lib/") || file.starts_with("/lib/") || file.starts_with("/usr/lib64/") ||
         file.starts_with("/lib64/");
}

/// Calls `visit(pc)` for each return address on the stack, innermost first,
/// until it returns true, among the `most` innermost frames. With `above`,
/// only the frames above the one returning to `above` are visited (a hook's
/// caller passes its call's return address: the walk starts at its caller).
template <class Visit>
void walk_stack(Visit&& visit, const void* above = nullptr, int most = 32) {
  struct walk {
    Visit& visit;
    const void* above;
    int left;
    bool past;
  } state{visit, above, most, above == nullptr};
  ::_Unwind_Backtrace(
      [](_Unwind_Context* frame, void* p) -> _Unwind_Reason_Code {
        walk& w = *static_cast<walk*>(p);
        const auto* pc = reinterpret_cast<const void*>(::_Unwind_GetIP(frame));
        if (pc == nullptr || w.left-- <= 0) return _URC_END_OF_STACK;
        if (!w.past) {
          w.past = pc == w.above;
          return _URC_NO_REASON;
        }
        return w.visit(pc) ? _URC_END_OF_STACK : _URC_NO_REASON;
      },
      &state);
}

}  // namespace weft::detail
