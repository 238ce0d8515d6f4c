/* weft/shim/urcu/pointer.h — liburcu's pointer operations as compiler
 * atomics, for code built for weft exec (weft-cc, weft-c++ and
 * weft_instrument() put this directory first on the system include path).
 *
 * liburcu 0.13 (Debian 12) does them in inline assembly on x86
 * (rcu_xchg_pointer, rcu_cmpxchg_pointer, the barrier of rcu_set_pointer) or
 * in the library, passing the pointer's value read by a plain load
 * (rcu_dereference without _LGPL_SOURCE): the instrumentation sees no atomic
 * access and no ordering, so a correct reader was reported racing with the
 * writer. Here they are compiler atomics with the orders liburcu documents
 * for them: a consume load, a release store, exchanges with a full barrier
 * before and after (sequentially consistent). The library's read side
 * and grace periods are followed at their entry points
 * (checker/src/instrument/urcu_sync.cpp). */
#include_next <urcu/pointer.h>

#ifndef WEFT_SHIM_URCU_POINTER_H
#define WEFT_SHIM_URCU_POINTER_H

#undef rcu_dereference
#undef rcu_cmpxchg_pointer
#undef rcu_xchg_pointer
#undef rcu_set_pointer

/* The value of p as an rvalue's type: a const pointer variable is loaded
 * into a non-const copy. */
#define rcu_dereference(p)                                    \
  __extension__({                                             \
    __typeof__(__extension__({                                \
      __typeof__(p) __attribute__((unused)) weft_zero_ = {0}; \
      weft_zero_;                                             \
    })) weft_value_;                                          \
    __atomic_load(&(p), &weft_value_, __ATOMIC_CONSUME);      \
    (weft_value_);                                            \
  })

/* Returns the value *p held: old when the exchange took place. */
#define rcu_cmpxchg_pointer(p, old, _new)                                                                    \
  __extension__({                                                                                            \
    __typeof__(*(p)) weft_expected_ = (old);                                                                 \
    __typeof__(*(p)) weft_desired_ = (_new);                                                                 \
    __atomic_compare_exchange_n((p), &weft_expected_, weft_desired_, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); \
    (weft_expected_);                                                                                        \
  })

#define rcu_xchg_pointer(p, v)                             \
  __extension__({                                          \
    __typeof__(*(p)) weft_new_ = (v);                      \
    __atomic_exchange_n((p), weft_new_, __ATOMIC_SEQ_CST); \
  })

#define rcu_set_pointer(p, v)                           \
  do {                                                  \
    __typeof__(*(p)) weft_new_ = (v);                   \
    __atomic_store_n((p), weft_new_, __ATOMIC_RELEASE); \
  } while (0)

#endif /* WEFT_SHIM_URCU_POINTER_H */
