/* weft/shim/urcu/urcu-qsbr.h — liburcu's qsbr flavour with its read side, quiescent states and going offline or online
 * called in the library, where weft follows them
 * (checker/src/instrument/urcu_sync.cpp), also under _LGPL_SOURCE: inline,
 * their barriers are assembly the instrumentation does not see (see
 * urcu/pointer.h here). */
#include_next <urcu/urcu-qsbr.h>

#ifndef WEFT_SHIM_URCU_QSBR_H
#define WEFT_SHIM_URCU_QSBR_H
#ifdef _LGPL_SOURCE
#undef urcu_qsbr_read_lock
#undef urcu_qsbr_read_unlock
#undef urcu_qsbr_quiescent_state
#undef urcu_qsbr_thread_offline
#undef urcu_qsbr_thread_online
#ifdef __cplusplus
extern "C" {
#endif
void urcu_qsbr_read_lock(void);
void urcu_qsbr_read_unlock(void);
void urcu_qsbr_quiescent_state(void);
void urcu_qsbr_thread_offline(void);
void urcu_qsbr_thread_online(void);
#ifdef __cplusplus
}
#endif
#endif /* _LGPL_SOURCE */
#endif /* WEFT_SHIM_URCU_QSBR_H */
