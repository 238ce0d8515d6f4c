// weft/scenarios/describe.hpp — prints a params struct (an aggregate of up
// to 8 fields) as "{2, 5, 100}" for reports, without writing a printer per
// struct: the field count is found by brace-initialisation, the fields are
// reached with structured bindings.
#pragma once

#include <concepts>
#include <cstddef>
#include <sstream>
#include <string>
#include <type_traits>

namespace weft::scenarios {
namespace detail {

struct any_field {
  template <class T>
  operator T() const;  // NOLINT(google-explicit-constructor): only in unevaluated contexts
};

template <class T, std::size_t... I>
constexpr bool constructible_with(std::index_sequence<I...>) {
  return requires { T{(void(I), any_field{})...}; };
}

template <class T, std::size_t N = 8>
constexpr std::size_t field_count() {
  if constexpr (N == 0) {
    return 0;
  } else if constexpr (constructible_with<T>(std::make_index_sequence<N>{})) {
    return N;
  } else {
    return field_count<T, N - 1>();
  }
}

template <class V>
void put(std::ostringstream& os, const V& v) {
  if constexpr (std::is_same_v<V, bool>) {
    os << (v ? "true" : "false");
  } else if constexpr (requires { v.count(); }) {
    os << v.count();  // std::chrono durations
  } else if constexpr (requires { os << v; }) {
    os << v;
  } else {
    os << '?';
  }
}

template <class... V>
std::string join(const V&... v) {
  std::ostringstream os;
  os << '{';
  std::size_t i = 0;
  ((os << (i++ ? ", " : ""), put(os, v)), ...);
  os << '}';
  return os.str();
}

}  // namespace detail

template <class P>
std::string describe(const P& p) {
  constexpr std::size_t n = detail::field_count<P>();
  if constexpr (n == 1) { const auto& [a] = p; return detail::join(a); }
  else if constexpr (n == 2) { const auto& [a, b] = p; return detail::join(a, b); }
  else if constexpr (n == 3) { const auto& [a, b, c] = p; return detail::join(a, b, c); }
  else if constexpr (n == 4) { const auto& [a, b, c, d] = p; return detail::join(a, b, c, d); }
  else if constexpr (n == 5) { const auto& [a, b, c, d, e] = p; return detail::join(a, b, c, d, e); }
  else if constexpr (n == 6) { const auto& [a, b, c, d, e, f] = p; return detail::join(a, b, c, d, e, f); }
  else if constexpr (n == 7) { const auto& [a, b, c, d, e, f, g] = p; return detail::join(a, b, c, d, e, f, g); }
  else if constexpr (n == 8) { const auto& [a, b, c, d, e, f, g, h] = p; return detail::join(a, b, c, d, e, f, g, h); }
  else { return "{...}"; }
}

}  // namespace weft::scenarios
