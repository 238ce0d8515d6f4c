// The Apache Portable Runtime's atomics (libapr-1: apr_atomic_read32,
// _set32, _add32, _sub32, _inc32, _dec32, _cas32, _xchg32, their 64-bit
// forms, apr_atomic_casptr and _xchgptr) as the instrumented atomics are,
// inside an execution of weft exec.
//
// APR compiles them into libapr-1.so (Debian's build: GCC's __atomic
// builtins, every one sequentially consistent), which is not instrumented:
// weft saw neither the operation, nor its happens-before, nor a scheduling
// point. A flag set with apr_atomic_set32 and read with apr_atomic_read32,
// or a reference count dropped with apr_atomic_dec32 before the last owner
// frees, ordered nothing, and the data they guard was reported as a race.
// Each is defined here instead, by its name, as the seq_cst atomic the
// instrumented entries make (tsan_entry.cpp), checked at the program's call;
// outside an execution that is the plain atomic operation, as APR's.
#include <cstdint>

#include "address_objects.hpp"
#include "interpose.hpp"

using namespace weft::detail::instrument;

namespace {

constexpr int seq_cst = __ATOMIC_SEQ_CST;

/// APR's compare-and-swap (a strong one): the value it read.
template <class T>
T compare_exchange(volatile T* mem, T with, T cmp, const void* pc) {
  atomic_compare_exchange_for(mem, &cmp, with, seq_cst, seq_cst, false, pc);
  return cmp;
}

volatile std::uint64_t* as_word(volatile void** mem) { return reinterpret_cast<volatile std::uint64_t*>(mem); }
std::uint64_t word_of(const void* p) { return reinterpret_cast<std::uintptr_t>(p); }
void* pointer_of(std::uint64_t w) { return reinterpret_cast<void*>(static_cast<std::uintptr_t>(w)); }

}  // namespace

#define WEFT_APR_ATOMICS(bits, T)                                                                                \
  extern "C" T apr_atomic_read##bits(volatile T* mem) { return atomic_load_for(mem, seq_cst, WEFT_PC); }       \
  extern "C" void apr_atomic_set##bits(volatile T* mem, T val) { atomic_store_for(mem, val, seq_cst, WEFT_PC); } \
  extern "C" T apr_atomic_add##bits(volatile T* mem, T val) { return atomic_add_for(mem, val, seq_cst, WEFT_PC); } \
  extern "C" void apr_atomic_sub##bits(volatile T* mem, T val) {                                                 \
    atomic_add_for(mem, static_cast<T>(-val), seq_cst, WEFT_PC);                                                 \
  }                                                                                                              \
  extern "C" T apr_atomic_inc##bits(volatile T* mem) { return atomic_add_for(mem, T{1}, seq_cst, WEFT_PC); }     \
  extern "C" int apr_atomic_dec##bits(volatile T* mem) {                                                         \
    return atomic_add_for(mem, static_cast<T>(-1), seq_cst, WEFT_PC) != 1; /* 0: it became zero */               \
  }                                                                                                              \
  extern "C" T apr_atomic_cas##bits(volatile T* mem, T with, T cmp) { return compare_exchange(mem, with, cmp, WEFT_PC); } \
  extern "C" T apr_atomic_xchg##bits(volatile T* mem, T val) { return atomic_exchange_for(mem, val, seq_cst, WEFT_PC); }

WEFT_APR_ATOMICS(32, std::uint32_t)
WEFT_APR_ATOMICS(64, std::uint64_t)

extern "C" void* apr_atomic_casptr(volatile void** mem, void* with, const void* cmp) {
  return pointer_of(compare_exchange(as_word(mem), word_of(with), word_of(cmp), WEFT_PC));
}

extern "C" void* apr_atomic_xchgptr(volatile void** mem, void* with) {
  return pointer_of(atomic_exchange_for(as_word(mem), word_of(with), seq_cst, WEFT_PC));
}
