/* weft/shim/urcu/uatomic.h — liburcu's atomic operations as compiler
 * atomics, for code built for weft exec (weft-cc, weft-c++ and
 * weft_instrument() put this directory first on the system include path).
 *
 * liburcu 0.13 (Debian 12) does them in inline assembly on x86, which no
 * instrumentation sees: the exchange that publishes a node of its
 * wait-free queue (urcu/wfcqueue.h) or stack was invisible, and the node's
 * contents were reported racing. Here they have the orders liburcu
 * documents (doc/uatomic-api.md): uatomic_cmpxchg(), uatomic_xchg(),
 * uatomic_add_return() and uatomic_sub_return() imply a full barrier
 * before and after (a sequentially consistent fence on each side of a
 * sequentially consistent operation); uatomic_add(), _sub(), _inc(), _dec(),
 * _and() and _or() imply none (relaxed), and cmm_smp_mb__before_uatomic_*()
 * / cmm_smp_mb__after_uatomic_*() are full barriers (x86 makes them
 * compiler barriers: its locked instructions order everything).
 * uatomic_read() and uatomic_set() stay liburcu's volatile accesses
 * (CMM_LOAD_SHARED, CMM_STORE_SHARED), which weft follows as relaxed ones. */
#include_next <urcu/uatomic.h>

#ifndef WEFT_SHIM_URCU_UATOMIC_H
#define WEFT_SHIM_URCU_UATOMIC_H

#include <urcu/arch.h>

#undef uatomic_cmpxchg
#undef uatomic_xchg
#undef uatomic_add_return
#undef uatomic_sub_return
#undef uatomic_add
#undef uatomic_sub
#undef uatomic_inc
#undef uatomic_dec
#undef uatomic_and
#undef uatomic_or

/* A fully ordered operation: a full barrier, then `op`, then one more. */
#define weft_uatomic_fully_ordered_(op)        \
  __extension__({                              \
    __atomic_thread_fence(__ATOMIC_SEQ_CST);   \
    __typeof__(op) weft_result_ = (op);        \
    __atomic_thread_fence(__ATOMIC_SEQ_CST);   \
    weft_result_;                              \
  })

/* Returns the value *addr held: old when the exchange took place. */
#define uatomic_cmpxchg(addr, old, _new)                                                                     \
  __extension__({                                                                                            \
    __typeof__(*(addr)) weft_expected_ = (old);                                                              \
    __typeof__(*(addr)) weft_desired_ = (_new);                                                              \
    __atomic_thread_fence(__ATOMIC_SEQ_CST);                                                                 \
    __atomic_compare_exchange_n((addr), &weft_expected_, weft_desired_, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); \
    __atomic_thread_fence(__ATOMIC_SEQ_CST);                                                                 \
    weft_expected_;                                                                                          \
  })
#define uatomic_xchg(addr, v) \
  weft_uatomic_fully_ordered_(__atomic_exchange_n((addr), (__typeof__(*(addr)))(v), __ATOMIC_SEQ_CST))
#define uatomic_add_return(addr, v) \
  weft_uatomic_fully_ordered_(__atomic_add_fetch((addr), (__typeof__(*(addr)))(v), __ATOMIC_SEQ_CST))
#define uatomic_sub_return(addr, v) \
  weft_uatomic_fully_ordered_(__atomic_sub_fetch((addr), (__typeof__(*(addr)))(v), __ATOMIC_SEQ_CST))

#define uatomic_add(addr, v) ((void)__atomic_fetch_add((addr), (__typeof__(*(addr)))(v), __ATOMIC_RELAXED))
#define uatomic_sub(addr, v) ((void)__atomic_fetch_sub((addr), (__typeof__(*(addr)))(v), __ATOMIC_RELAXED))
#define uatomic_inc(addr) uatomic_add((addr), 1)
#define uatomic_dec(addr) uatomic_sub((addr), 1)
#define uatomic_and(addr, v) ((void)__atomic_fetch_and((addr), (__typeof__(*(addr)))(v), __ATOMIC_RELAXED))
#define uatomic_or(addr, v) ((void)__atomic_fetch_or((addr), (__typeof__(*(addr)))(v), __ATOMIC_RELAXED))

#undef cmm_smp_mb__before_uatomic_add
#undef cmm_smp_mb__after_uatomic_add
#undef cmm_smp_mb__before_uatomic_sub
#undef cmm_smp_mb__after_uatomic_sub
#undef cmm_smp_mb__before_uatomic_inc
#undef cmm_smp_mb__after_uatomic_inc
#undef cmm_smp_mb__before_uatomic_dec
#undef cmm_smp_mb__after_uatomic_dec
#undef cmm_smp_mb__before_uatomic_and
#undef cmm_smp_mb__after_uatomic_and
#undef cmm_smp_mb__before_uatomic_or
#undef cmm_smp_mb__after_uatomic_or
#define cmm_smp_mb__before_uatomic_add() cmm_smp_mb()
#define cmm_smp_mb__after_uatomic_add() cmm_smp_mb()
#define cmm_smp_mb__before_uatomic_sub() cmm_smp_mb()
#define cmm_smp_mb__after_uatomic_sub() cmm_smp_mb()
#define cmm_smp_mb__before_uatomic_inc() cmm_smp_mb()
#define cmm_smp_mb__after_uatomic_inc() cmm_smp_mb()
#define cmm_smp_mb__before_uatomic_dec() cmm_smp_mb()
#define cmm_smp_mb__after_uatomic_dec() cmm_smp_mb()
#define cmm_smp_mb__before_uatomic_and() cmm_smp_mb()
#define cmm_smp_mb__after_uatomic_and() cmm_smp_mb()
#define cmm_smp_mb__before_uatomic_or() cmm_smp_mb()
#define cmm_smp_mb__after_uatomic_or() cmm_smp_mb()

#endif /* WEFT_SHIM_URCU_UATOMIC_H */
