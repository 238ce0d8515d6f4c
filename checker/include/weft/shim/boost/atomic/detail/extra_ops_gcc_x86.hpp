/* weft/shim/boost/atomic/detail/extra_ops_gcc_x86.hpp — Boost.Atomic's
 * "extra" operations on x86 (add_and_test, sub_and_test, bit_test_and_set,
 * opaque_add, negate and the rest) left to Boost's generic implementation,
 * for code built for weft exec (weft-cc, weft-c++ and weft_instrument() put
 * this directory first on the system include path).
 *
 * Boost 1.74 (Debian 12) does them in inline assembly on x86, which no
 * instrumentation sees: a reference count dropped with sub_and_test ordered
 * nothing, and the delete after the last drop was reported racing with the
 * other owner's last read of the object. This header replaces Boost's x86
 * specialisations with none, so boost/atomic/detail/extra_operations.hpp
 * uses extra_ops_generic.hpp's: the same operations built on the core
 * operations (fetch_add, fetch_sub, compare_exchange...), which are compiler
 * atomics weft follows, with the memory orders the caller gave. */
#ifndef BOOST_ATOMIC_DETAIL_EXTRA_OPS_GCC_X86_HPP_INCLUDED_
#define BOOST_ATOMIC_DETAIL_EXTRA_OPS_GCC_X86_HPP_INCLUDED_
#endif
