/* weft/shim/urcu/urcu-mb.h — liburcu's mb flavour with its read side
 * called in the library, where weft follows them
 * (checker/src/instrument/urcu_sync.cpp), also under _LGPL_SOURCE: inline,
 * their barriers are assembly the instrumentation does not see (see
 * urcu/pointer.h here). */
#include_next <urcu/urcu-mb.h>

#ifndef WEFT_SHIM_URCU_MB_H
#define WEFT_SHIM_URCU_MB_H
#ifdef _LGPL_SOURCE
#undef urcu_mb_read_lock
#undef urcu_mb_read_unlock
#ifdef __cplusplus
extern "C" {
#endif
void urcu_mb_read_lock(void);
void urcu_mb_read_unlock(void);
#ifdef __cplusplus
}
#endif
#endif /* _LGPL_SOURCE */
#endif /* WEFT_SHIM_URCU_MB_H */
