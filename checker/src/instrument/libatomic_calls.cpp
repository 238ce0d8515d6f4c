// libatomic's generic entry points, which clang-14 calls for an atomic it
// has no instruction for (std::atomic of a 16-byte pair without -mcx16, of
// a 40-byte struct): __atomic_load, __atomic_store, __atomic_exchange and
// __atomic_compare_exchange. libatomic is not instrumented, so weft saw
// neither those accesses nor what they synchronise: data published through
// a std::atomic<Pair> was a false data race, a plain write into one a
// missed race (ThreadSanitizer shares both).
//
// Inside an execution each is a weft atomic, as the builtins' entry points
// are (tsan_entry.cpp): a scheduling point, the memory model (sequentially
// consistent above 16 bytes), the checks against a free and against plain
// accesses of the same bytes. The copy is weft's: every logical thread runs
// on this OS thread, so it needs no lock. Outside one, libatomic's own.
#include <cstddef>
#include <cstring>
#include <vector>

#include "address_objects.hpp"
#include "interpose.hpp"

namespace {

using namespace weft::detail;
using namespace weft::detail::instrument;

using load_function = void(std::size_t, void*, void*, int);
using store_function = void(std::size_t, void*, void*, int);
using exchange_function = void(std::size_t, void*, void*, void*, int);
using compare_exchange_function = bool(std::size_t, void*, void*, void*, int, int);

constexpr const char* libatomic = "libatomic.so.1";

std::memory_order order(int mo) { return static_cast<std::memory_order>(mo); }

/// The object at `object` after its scheduling point: checked against a
/// free and against plain accesses of its bytes.
address_atomic& pointed(void* object, std::size_t size, atomic_access access, bool writes, const char* kind,
                        const void* pc) {
  address_atomic& s = atomic_at(current_tables(), object);
  atomic_point(s, access, location::caller(pc));
  const auto address = reinterpret_cast<std::uintptr_t>(object);
  if (access == atomic_access::compare_exchange) {  // it writes only when it succeeds: checked against plain after
    check_not_freed(current_tables(), address, size, writes, location::caller(pc), &s, kind);
  } else {
    check_atomic_access(current_tables(), s, address, size, writes, kind, location::caller(pc));
  }
  return s;
}

}  // namespace

WEFT_SYMBOL_ENTRY(void, weft_libatomic_load, "__atomic_load", std::size_t size, void* object, void* out, int mo) {
  if (tables() == nullptr) return WEFT_REAL_SYMBOL(load_function, "__atomic_load", libatomic)(size, object, out, mo);
  const weft_section weft;
  address_atomic& s = pointed(object, size, atomic_access::load, false, "atomic read", WEFT_PC);
  std::memcpy(out, object, size);
  atomic_load(s, order(mo), out, size);
}

WEFT_SYMBOL_ENTRY(void, weft_libatomic_store, "__atomic_store", std::size_t size, void* object, void* value, int mo) {
  if (tables() == nullptr) {
    return WEFT_REAL_SYMBOL(store_function, "__atomic_store", libatomic)(size, object, value, mo);
  }
  const weft_section weft;
  address_atomic& s = pointed(object, size, atomic_access::store, true, "atomic write", WEFT_PC);
  const std::vector<std::byte> newest(static_cast<const std::byte*>(object), static_cast<const std::byte*>(object) + size);
  if (atomic_store(s, order(mo), newest.data(), value, size)) std::memcpy(object, value, size);
}

WEFT_SYMBOL_ENTRY(void, weft_libatomic_exchange, "__atomic_exchange", std::size_t size, void* object, void* value,
                  void* old, int mo) {
  if (tables() == nullptr) {
    return WEFT_REAL_SYMBOL(exchange_function, "__atomic_exchange", libatomic)(size, object, value, old, mo);
  }
  const weft_section weft;
  address_atomic& s = pointed(object, size, atomic_access::rmw, true, "atomic read-modify-write", WEFT_PC);
  std::memcpy(old, object, size);
  std::memcpy(object, value, size);
  atomic_rmw(s, order(mo), old, value, size);
}

WEFT_SYMBOL_ENTRY(bool, weft_libatomic_compare_exchange, "__atomic_compare_exchange", std::size_t size,
                  void* object, void* expected, void* desired, int success, int failure) {
  if (tables() == nullptr) {
    return WEFT_REAL_SYMBOL(compare_exchange_function, "__atomic_compare_exchange", libatomic)(
        size, object, expected, desired, success, failure);
  }
  const weft_section weft;
  address_atomic& s = pointed(object, size, atomic_access::compare_exchange, true, "compare-exchange", WEFT_PC);
  const std::vector<std::byte> newest(static_cast<const std::byte*>(object), static_cast<const std::byte*>(object) + size);
  const bool exchanged =
      atomic_compare_exchange(s, order(success), order(failure), newest.data(), expected, desired, size, false);
  check_atomic_against_plain(current_tables(), s, reinterpret_cast<std::uintptr_t>(object), size, exchanged,
                             "compare-exchange", location::caller(WEFT_PC));
  if (exchanged) std::memcpy(object, desired, size);
  return exchanged;
}
