// qt_real.hpp — the real Qt 6 functions behind weft's definitions of them
// (qt_sync.cpp, qt_pool.cpp): looked up by mangled name in libQt6Core.
#pragma once

#include <atomic>

#include "interpose.hpp"

namespace weft::detail::instrument {

/// The real libQt6Core function `symbol` (mangled), as a `Function`.
template <class Function>
Function real_qt(std::atomic<void*>& address, const char* symbol) {
  return reinterpret_cast<Function>(resolve_real_in(address, symbol, "libQt6Core.so.6"));
}

}  // namespace weft::detail::instrument

/// In a function of weft's that stands for a Qt one: `call`, the real
/// function `symbol` of type `type`, resolved once.
#define WEFT_REAL_QT(type, symbol)         \
  static std::atomic<void*> real{nullptr}; \
  const auto call = ::weft::detail::instrument::real_qt<type>(real, symbol)
