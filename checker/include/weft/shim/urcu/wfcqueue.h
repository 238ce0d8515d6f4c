/* weft/shim/urcu/wfcqueue.h — liburcu's wait-free concurrent queue inline, for code built
 * for weft exec (weft-cc, weft-c++ and weft_instrument() put this directory
 * first on the system include path).
 *
 * Without _LGPL_SOURCE its operations are calls into liburcu-cds, built
 * without instrumentation: weft saw none of their accesses, and the data a
 * node carried from one thread to another was reported as a race. Here the
 * header is read as with _LGPL_SOURCE, so the operations are liburcu's own
 * inline versions (urcu/static/wfcqueue.h), the same algorithm, compiled
 * with the program; their atomics and barriers are weft's (urcu/uatomic.h,
 * urcu/arch.h in this directory), and weft explores their steps like the
 * program's. _LGPL_SOURCE is as the program set it afterwards. */
#ifndef _LGPL_SOURCE
#define _LGPL_SOURCE
#define WEFT_SHIM_URCU_LGPL_SET_FOR_WFCQUEUE_
#endif
#include_next <urcu/wfcqueue.h>
#ifdef WEFT_SHIM_URCU_LGPL_SET_FOR_WFCQUEUE_
#undef _LGPL_SOURCE
#undef WEFT_SHIM_URCU_LGPL_SET_FOR_WFCQUEUE_
#endif
