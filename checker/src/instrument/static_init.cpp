// Function-local statics ("magic statics"), interposed: the C++ ABI's
// __cxa_guard_acquire, __cxa_guard_release and __cxa_guard_abort.
//
// The compiler guards such an initialisation with an acquire load of the
// guard's first byte, inlined into the program (instrumented: a weft atomic
// load) and, when that reads 0, a call of __cxa_guard_acquire; the
// initialising thread calls __cxa_guard_release, which sets the byte. In
// libstdc++ that store is not instrumented, so weft saw no release: every
// thread that found the static ready read it "racing" with its
// construction. As ThreadSanitizer does, weft takes these calls over inside
// an execution: the guard is a once flag (like pthread_once's, a mutex
// around the initialisation) and the byte is set by a release store weft
// sees, which the inlined acquire loads synchronise with.
#include <cxxabi.h>

#include <atomic>
#include <cstdint>

#include "../runtime/execution.hpp"
#include "address_objects.hpp"
#include "interpose.hpp"

using __cxxabiv1::__guard;

namespace weft::detail::instrument {
namespace {

constinit std::atomic<void*> real_guard_acquire{nullptr}, real_guard_release{nullptr}, real_guard_abort{nullptr};

int call_real_acquire(__guard* g) {
  return reinterpret_cast<int (*)(__guard*)>(resolve_real(real_guard_acquire, "__cxa_guard_acquire"))(g);
}
void call_real(std::atomic<void*>& cache, const char* name, __guard* g) {
  reinterpret_cast<void (*)(__guard*)>(resolve_real(cache, name))(g);
}

/// The guard's first byte: nonzero once the static is initialised.
volatile std::uint8_t* ready_byte(__guard* g) { return reinterpret_cast<volatile std::uint8_t*>(g); }

}  // namespace
}  // namespace weft::detail::instrument

namespace __cxxabiv1 {

extern "C" int __cxa_guard_acquire(__guard* g) {
  using namespace weft::detail::instrument;
  if (tables() == nullptr) return call_real_acquire(g);
  const weft_section weft;
  once_state& o = once_at(current_tables(), g);
  const auto where = weft::detail::location::caller(__builtin_return_address(0));
  mutex_lock(o.lock, where);  // held while the caller initialises: others wait here
  if (!o.done && *ready_byte(g) == 0) return 1;
  mutex_unlock(o.lock, where);  // initialised meanwhile (or before the execution)
  return 0;
}

extern "C" void __cxa_guard_release(__guard* g) noexcept {
  using namespace weft::detail;
  using namespace weft::detail::instrument;
  if (tables() == nullptr) return call_real(real_guard_release, "__cxa_guard_release", g);
  const weft_section weft;
  const location where = location::caller(__builtin_return_address(0));
  // The byte's release store, as a checked atomic store (tsan_entry.cpp's):
  // the inlined acquire loads that read it synchronise with it.
  atomic_state& byte = atomic_at(current_tables(), ready_byte(g));
  atomic_point(byte, atomic_access::store, where);
  const std::uint8_t newest = *ready_byte(g), ready = 1;
  if (atomic_store(byte, std::memory_order_release, &newest, &ready, 1)) *ready_byte(g) = ready;
  once_state& o = once_at(current_tables(), g);
  o.done = true;
  mutex_unlock(o.lock, where);
}

extern "C" void __cxa_guard_abort(__guard* g) noexcept {  // the initialiser threw: the next caller tries again
  using namespace weft::detail::instrument;
  if (tables() == nullptr) return call_real(real_guard_abort, "__cxa_guard_abort", g);
  const weft_section weft;
  mutex_unlock(once_at(current_tables(), g).lock, weft::detail::location::caller(__builtin_return_address(0)));
}

}  // namespace __cxxabiv1
