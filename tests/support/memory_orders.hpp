// memory_orders.hpp — short names for the std::memory_order values, for tests
// that spell many atomic operations (`x.store(1, release)`); bring them in
// with `using namespace weft::testing::orders;`.
#pragma once

#include <atomic>

namespace weft::testing::orders {

inline constexpr auto relaxed = std::memory_order_relaxed;
inline constexpr auto acquire = std::memory_order_acquire;
inline constexpr auto release = std::memory_order_release;
inline constexpr auto acq_rel = std::memory_order_acq_rel;
inline constexpr auto seq_cst = std::memory_order_seq_cst;

}  // namespace weft::testing::orders
