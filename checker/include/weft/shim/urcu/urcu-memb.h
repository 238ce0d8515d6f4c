/* weft/shim/urcu/urcu-memb.h — liburcu's memb flavour with its read side
 * called in the library, where weft follows them
 * (checker/src/instrument/urcu_sync.cpp), also under _LGPL_SOURCE: inline,
 * their barriers are assembly the instrumentation does not see (see
 * urcu/pointer.h here). */
#include_next <urcu/urcu-memb.h>

#ifndef WEFT_SHIM_URCU_MEMB_H
#define WEFT_SHIM_URCU_MEMB_H
#ifdef _LGPL_SOURCE
#undef urcu_memb_read_lock
#undef urcu_memb_read_unlock
#ifdef __cplusplus
extern "C" {
#endif
void urcu_memb_read_lock(void);
void urcu_memb_read_unlock(void);
#ifdef __cplusplus
}
#endif
#endif /* _LGPL_SOURCE */
#endif /* WEFT_SHIM_URCU_MEMB_H */
