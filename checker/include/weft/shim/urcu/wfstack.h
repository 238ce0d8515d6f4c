/* weft/shim/urcu/wfstack.h — liburcu's wait-free stack inline, for code built
 * for weft exec (weft-cc, weft-c++ and weft_instrument() put this directory
 * first on the system include path).
 *
 * Without _LGPL_SOURCE its operations are calls into liburcu-cds, built
 * without instrumentation: weft saw none of their accesses, and the data a
 * node carried from one thread to another was reported as a race. Here the
 * header is read as with _LGPL_SOURCE, so the operations are liburcu's own
 * inline versions (urcu/static/wfstack.h), the same algorithm, compiled
 * with the program; their atomics and barriers are weft's (urcu/uatomic.h,
 * urcu/arch.h in this directory), and weft explores their steps like the
 * program's. _LGPL_SOURCE is as the program set it afterwards.
 *
 * Not in C++: liburcu 0.13's inline version is C only (it assigns void
 * pointers). A C++ program calls the library, whose entry points weft's
 * runtime follows as a release (push) and an acquire (pop) on the stack
 * (checker/src/instrument/cds_sync.cpp). */
#if !defined(_LGPL_SOURCE) && !defined(__cplusplus)
#define _LGPL_SOURCE
#define WEFT_SHIM_URCU_LGPL_SET_FOR_WFSTACK_
#endif
#include_next <urcu/wfstack.h>
#ifdef WEFT_SHIM_URCU_LGPL_SET_FOR_WFSTACK_
#undef _LGPL_SOURCE
#undef WEFT_SHIM_URCU_LGPL_SET_FOR_WFSTACK_
#endif
