// weft/sync/atomic.hpp — weft::atomic<T> and weft::atomic_thread_fence, the
// std::atomic interface under the controlled scheduler. Every access is a
// scheduling point. By default values follow the C++ memory model: a load
// may read an older store, a store may be ordered before stores its thread
// cannot see, compare_exchange_weak may fail spuriously — each a choice of
// the strategy, replayed exactly (options::memory_model, docs/guide.md).
// Outside a checked execution these are std::atomic<T> and
// std::atomic_thread_fence.
#pragma once

#include <array>
#include <atomic>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <type_traits>

#include "weft/detail/runtime.hpp"
#include "weft/sync/value_text.hpp"

namespace weft {

template <class T>
class atomic {
  static_assert(std::is_trivially_copyable_v<T>, "weft::atomic<T> needs a trivially copyable T");
  using loc = detail::location;
  static constexpr auto relaxed = std::memory_order_relaxed;

 public:
  atomic(const loc& born = loc::current()) noexcept : atomic(T{}, born) {}  // NOLINT(google-explicit-constructor)
  constexpr atomic(T desired, const loc& born = loc::current()) noexcept  // NOLINT(google-explicit-constructor)
      : value_(desired) {
    detail::note_birth(state_, born);
    if (!std::is_constant_evaluated() && detail::current() != nullptr) {
      detail::on_create(state_, detail::object_kind::atomic);
    }
  }
  /// An atomic named for reports: weft::atomic<bool> ready{false, "ready"}.
  atomic(T desired, const char* name, const loc& born = loc::current()) : atomic(desired, born) {
    detail::give_name(state_, name);
  }
  atomic(const atomic&) = delete;
  atomic& operator=(const atomic&) = delete;

  static constexpr bool is_always_lock_free = std::atomic<T>::is_always_lock_free;
  bool is_lock_free() const noexcept { return value_.is_lock_free(); }

  T load(std::memory_order order = std::memory_order_seq_cst, const loc& where = loc::current()) const {
    if (detail::current() == nullptr) return value_.load(order);
    std::array<std::byte, sizeof(T)> read;
    detail::atomic_load_at(state_, order, &value_, read.data(), sizeof(T), where);
    return traced(std::bit_cast<T>(read));
  }
  void store(T desired, std::memory_order order = std::memory_order_seq_cst, const loc& where = loc::current()) {
    if (detail::current() == nullptr) return value_.store(desired, order);
    detail::atomic_store_at(state_, order, &value_, &desired, sizeof(T), where);  // never throws: stores run in destructors
    traced(desired);
  }
  operator T() const { return load(); }  // NOLINT(google-explicit-constructor)
  T operator=(T desired) {
    store(desired);
    return desired;
  }
  T exchange(T desired, std::memory_order order = std::memory_order_seq_cst, const loc& where = loc::current()) {
    return rmw<detail::rmw_op::exchange>([&](T) { return desired; }, desired, order, where);
  }
  bool compare_exchange_strong(T& expected, T desired, std::memory_order success, std::memory_order failure,
                               const loc& where = loc::current()) {
    return compare_exchange(expected, desired, success, failure, where, false);
  }
  bool compare_exchange_strong(T& expected, T desired, std::memory_order order = std::memory_order_seq_cst,
                               const loc& where = loc::current()) {
    return compare_exchange(expected, desired, order, failure_order(order), where, false);
  }
  bool compare_exchange_weak(T& expected, T desired, std::memory_order success, std::memory_order failure,
                             const loc& where = loc::current()) {
    return compare_exchange(expected, desired, success, failure, where, true);
  }
  bool compare_exchange_weak(T& expected, T desired, std::memory_order order = std::memory_order_seq_cst,
                             const loc& where = loc::current()) {
    return compare_exchange(expected, desired, order, failure_order(order), where, true);
  }

  T fetch_add(T arg, std::memory_order order = std::memory_order_seq_cst, const loc& where = loc::current())
    requires(std::is_integral_v<T> || std::is_pointer_v<T>)
  {
    return rmw<detail::rmw_op::add>([&](T v) { return static_cast<T>(v + arg); }, arg, order, where);
  }
  T fetch_sub(T arg, std::memory_order order = std::memory_order_seq_cst, const loc& where = loc::current())
    requires(std::is_integral_v<T> || std::is_pointer_v<T>)
  {
    return rmw<detail::rmw_op::sub>([&](T v) { return static_cast<T>(v - arg); }, arg, order, where);
  }
  T fetch_and(T arg, std::memory_order order = std::memory_order_seq_cst, const loc& where = loc::current())
    requires std::is_integral_v<T>
  {
    return rmw<detail::rmw_op::bit_and>([&](T v) { return static_cast<T>(v & arg); }, arg, order, where);
  }
  T fetch_or(T arg, std::memory_order order = std::memory_order_seq_cst, const loc& where = loc::current())
    requires std::is_integral_v<T>
  {
    return rmw<detail::rmw_op::bit_or>([&](T v) { return static_cast<T>(v | arg); }, arg, order, where);
  }
  T fetch_xor(T arg, std::memory_order order = std::memory_order_seq_cst, const loc& where = loc::current())
    requires std::is_integral_v<T>
  {
    return rmw<detail::rmw_op::bit_xor>([&](T v) { return static_cast<T>(v ^ arg); }, arg, order, where);
  }
  T operator++() requires std::is_integral_v<T> { return static_cast<T>(fetch_add(1) + 1); }
  T operator++(int) requires std::is_integral_v<T> { return fetch_add(1); }
  T operator--() requires std::is_integral_v<T> { return static_cast<T>(fetch_sub(1) - 1); }
  T operator--(int) requires std::is_integral_v<T> { return fetch_sub(1); }
  T operator+=(T arg) requires std::is_integral_v<T> { return static_cast<T>(fetch_add(arg) + arg); }
  T operator-=(T arg) requires std::is_integral_v<T> { return static_cast<T>(fetch_sub(arg) - arg); }

 private:
  static constexpr std::memory_order failure_order(std::memory_order o) {
    if (o == std::memory_order_acq_rel) return std::memory_order_acquire;
    if (o == std::memory_order_release) return std::memory_order_relaxed;
    return o;
  }
  static T traced(T v) {
    if (detail::tracing()) detail::trace_value(detail::value_text(v));
    return v;
  }
  /// Whether a read-modify-write goes through detail::atomic_rmw_at: a value
  /// of 1, 2, 4 or 8 bytes that std::atomic<T> keeps as its own bytes, and,
  /// for the arithmetic ones, an integer (an exchange moves any such value).
  static constexpr bool fused_rmw(detail::rmw_op op) {
    const bool sized = (sizeof(T) == 1 || sizeof(T) == 2 || sizeof(T) == 4 || sizeof(T) == 8) &&
                       sizeof(std::atomic<T>) == sizeof(T);
    return sized && (op == detail::rmw_op::exchange || std::is_integral_v<T>);
  }
  /// `v`'s bits as the unsigned integer of its size.
  static std::uint64_t bits_of(T v) {
    if constexpr (sizeof(T) == 1) return std::bit_cast<std::uint8_t>(v);
    if constexpr (sizeof(T) == 2) return std::bit_cast<std::uint16_t>(v);
    if constexpr (sizeof(T) == 4) return std::bit_cast<std::uint32_t>(v);
    if constexpr (sizeof(T) == 8) return std::bit_cast<std::uint64_t>(v);
    return 0;
  }
  /// `f` is what `Op` does with `operand` (the general path's arithmetic).
  template <detail::rmw_op Op, class F>
  T rmw(F f, [[maybe_unused]] T operand, std::memory_order order, const loc& where) {
    if (detail::current() == nullptr) {
      T old = value_.load(relaxed);
      while (!value_.compare_exchange_weak(old, f(old), order, relaxed)) {
      }
      return old;
    }
    if constexpr (fused_rmw(Op)) {
      std::array<std::byte, sizeof(T)> old;
      detail::atomic_rmw_at(state_, order, &value_, sizeof(T), Op, bits_of(operand), old.data(), where);
      return traced(std::bit_cast<T>(old));
    }
    detail::atomic_point(state_, detail::atomic_access::rmw, where);
    const T old = value_.load(relaxed);
    const T desired = f(old);
    value_.store(desired, relaxed);
    detail::atomic_rmw(state_, order, &old, &desired, sizeof(T));
    return traced(old);
  }
  bool compare_exchange(T& expected, T desired, std::memory_order success, std::memory_order failure,
                        const loc& where, bool weak) {
    if (detail::current() == nullptr) {
      return weak ? value_.compare_exchange_weak(expected, desired, success, failure)
                  : value_.compare_exchange_strong(expected, desired, success, failure);
    }
    detail::atomic_point(state_, detail::atomic_access::compare_exchange, where);
    const T newest = value_.load(relaxed);
    if (detail::atomic_compare_exchange(state_, success, failure, &newest, &expected, &desired, sizeof(T), weak)) {
      value_.store(traced(desired), relaxed);
      return true;
    }
    traced(expected);
    return false;
  }

  friend struct detail::header_access;
  mutable detail::atomic_state state_;
  std::atomic<T> value_;
};

/// std::atomic_thread_fence under the controlled scheduler: a scheduling
/// point, and the fence's ordering in the memory model.
inline void atomic_thread_fence(std::memory_order order,
                                const detail::location& where = detail::location::current()) {
  if (detail::current() == nullptr) return std::atomic_thread_fence(order);
  detail::atomic_fence(order, where);
}
/// A compiler-only fence: orders nothing between threads.
inline void atomic_signal_fence(std::memory_order order) noexcept { std::atomic_signal_fence(order); }

}  // namespace weft
