// std::terminate() called by the program's own code inside an execution of
// weft exec: a std::thread destroyed, or assigned to, while still joinable.
//
// libstdc++'s ~thread and move assignment are inline: a joinable thread
// calls std::terminate() from the program's code, and the execution ended
// in a `crash` (SIGABRT) named after the last instrumented access before
// it, somewhere else. Called from those, std::terminate() here is the
// finding misuse/destroy_joinable at the destructor's or the assignment's
// place, as weft::thread reports it; from anywhere else (an exception
// nobody caught, the program's own call), the real std::terminate() runs
// and the abort is a crash as before.
#include <atomic>
#include <cstdlib>
#include <exception>

#include "../detect/misuse.hpp"
#include "../runtime/execution.hpp"
#include "../runtime/symbolize.hpp"
#include "address_objects.hpp"
#include "interpose.hpp"

namespace weft::detail::instrument {
namespace {

/// Whether the call of std::terminate() returning to `pc` was written in
/// <thread>'s std::thread (its destructor and move assignment, inlined into
/// the program: the only calls there).
bool ends_a_joinable_thread(const void* pc) { return inlined_from(pc, "bits/std_thread.h"); }

}  // namespace
}  // namespace weft::detail::instrument

using namespace weft::detail;
using namespace weft::detail::instrument;

[[gnu::weak]] void std::terminate() noexcept {
  const void* pc = __builtin_return_address(0);
  if (tables() != nullptr) {
    const weft_section weft;
    if (ends_a_joinable_thread(pc)) {
      const location where = location::caller(pc);
      current()->fail(misuse_finding(weft::finding_subkind::destroy_joinable,
                                     "a std::thread destroyed or assigned to while joinable: std::terminate()",
                                     where));
    }
  }
  static std::atomic<void*> real{nullptr};
  reinterpret_cast<void (*)()>(resolve_real(real, "_ZSt9terminatev"))();
  std::abort();  // the real one does not return
}
