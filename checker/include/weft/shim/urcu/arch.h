/* weft/shim/urcu/arch.h — liburcu's memory barriers as C11 fences, for code
 * built for weft exec (weft-cc, weft-c++ and weft_instrument() put this
 * directory first on the system include path).
 *
 * liburcu 0.13 (Debian 12) makes its barriers inline assembly on x86
 * (cmm_mb() is an mfence) and leaves out the ones that x86's ordering makes
 * (cmm_smp_rmb(), cmm_smp_wmb(), cmm_smp_read_barrier_depends() are compiler
 * barriers): the instrumentation sees no ordering, so data handed over
 * through its queues and stacks was reported as a race. Here they are the
 * fences liburcu documents, on every architecture alike: cmm_mb() and
 * cmm_smp_mb() sequentially consistent, cmm_rmb() and cmm_smp_rmb() acquire
 * (they order earlier loads before later ones), cmm_wmb() and cmm_smp_wmb()
 * release, cmm_read_barrier_depends() and cmm_smp_read_barrier_depends()
 * acquire (a dependency ordering, as a consume load is). So a barrier that
 * x86 forgives and a weaker machine does not is missing under weft too, as
 * with Concurrency Kit's CK_MD_RMO. */
#include_next <urcu/arch.h>

#ifndef WEFT_SHIM_URCU_ARCH_H
#define WEFT_SHIM_URCU_ARCH_H

#undef cmm_mb
#undef cmm_rmb
#undef cmm_wmb
#undef cmm_smp_mb
#undef cmm_smp_rmb
#undef cmm_smp_wmb
#undef cmm_read_barrier_depends
#undef cmm_smp_read_barrier_depends

#define cmm_mb() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define cmm_rmb() __atomic_thread_fence(__ATOMIC_ACQUIRE)
#define cmm_wmb() __atomic_thread_fence(__ATOMIC_RELEASE)
#define cmm_smp_mb() cmm_mb()
#define cmm_smp_rmb() cmm_rmb()
#define cmm_smp_wmb() cmm_wmb()
#define cmm_read_barrier_depends() __atomic_thread_fence(__ATOMIC_ACQUIRE)
#define cmm_smp_read_barrier_depends() cmm_read_barrier_depends()

#endif /* WEFT_SHIM_URCU_ARCH_H */
