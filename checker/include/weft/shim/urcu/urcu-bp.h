/* weft/shim/urcu/urcu-bp.h — liburcu's bp flavour with its read side
 * called in the library, where weft follows them
 * (checker/src/instrument/urcu_sync.cpp), also under _LGPL_SOURCE: inline,
 * their barriers are assembly the instrumentation does not see (see
 * urcu/pointer.h here). */
#include_next <urcu/urcu-bp.h>

#ifndef WEFT_SHIM_URCU_BP_H
#define WEFT_SHIM_URCU_BP_H
#ifdef _LGPL_SOURCE
#undef urcu_bp_read_lock
#undef urcu_bp_read_unlock
#ifdef __cplusplus
extern "C" {
#endif
void urcu_bp_read_lock(void);
void urcu_bp_read_unlock(void);
#ifdef __cplusplus
}
#endif
#endif /* _LGPL_SOURCE */

/* Its pointer operations are the shim's (urcu/pointer.h), in either build. */
#undef urcu_bp_dereference
#undef urcu_bp_cmpxchg_pointer
#undef urcu_bp_xchg_pointer
#undef urcu_bp_set_pointer
#define urcu_bp_dereference rcu_dereference
#define urcu_bp_cmpxchg_pointer rcu_cmpxchg_pointer
#define urcu_bp_xchg_pointer rcu_xchg_pointer
#define urcu_bp_set_pointer rcu_set_pointer
#endif /* WEFT_SHIM_URCU_BP_H */
