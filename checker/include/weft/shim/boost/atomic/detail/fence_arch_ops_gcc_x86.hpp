/* weft/shim/boost/atomic/detail/fence_arch_ops_gcc_x86.hpp — Boost.Atomic's
 * fences on x86 as compiler fences, for code built for weft exec (weft-cc,
 * weft-c++ and weft_instrument() put this directory first on the system
 * include path).
 *
 * Boost 1.74 (Debian 12) makes boost::atomic_thread_fence(memory_order_seq_cst)
 * a locked instruction in inline assembly on x86, which no instrumentation
 * sees: under weft's C++ memory model a Dekker-style handshake with Boost's
 * sequentially consistent fences was free to read stale values, a false
 * finding. Here every fence is __atomic_thread_fence with its order (and a
 * signal fence __atomic_signal_fence), which weft follows; the type and
 * names are Boost's own. */
#ifndef BOOST_ATOMIC_DETAIL_FENCE_ARCH_OPS_GCC_X86_HPP_INCLUDED_
#define BOOST_ATOMIC_DETAIL_FENCE_ARCH_OPS_GCC_X86_HPP_INCLUDED_

#include <boost/atomic/detail/config.hpp>
#include <boost/atomic/detail/gcc_atomic_memory_order_utils.hpp>
#include <boost/memory_order.hpp>

namespace boost {
namespace atomics {
namespace detail {

struct fence_arch_operations_gcc_x86 {
  static BOOST_FORCEINLINE void thread_fence(memory_order order) BOOST_NOEXCEPT {
    __atomic_thread_fence(atomics::detail::convert_memory_order_to_gcc(order));
  }

  static BOOST_FORCEINLINE void signal_fence(memory_order order) BOOST_NOEXCEPT {
    __atomic_signal_fence(atomics::detail::convert_memory_order_to_gcc(order));
  }
};

typedef fence_arch_operations_gcc_x86 fence_arch_operations;

}  // namespace detail
}  // namespace atomics
}  // namespace boost

#endif
