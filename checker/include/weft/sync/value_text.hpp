// weft/sync/value_text.hpp — how traces print a value read or written: with
// operator<< when the type has one, else a placeholder.
#pragma once

#include <sstream>
#include <string>
#include <type_traits>

namespace weft::detail {

template <class T>
std::string value_text(const T& v) {
  if constexpr (std::is_same_v<T, bool>) {
    return v ? "true" : "false";
  } else if constexpr (requires(std::ostream& os) { os << v; }) {
    std::ostringstream os;
    os << v;
    std::string s = os.str();
    if (s.size() > 40) s = s.substr(0, 37) + "...";
    return s;
  } else {
    return "<" + std::to_string(sizeof(T)) + " bytes>";
  }
}

}  // namespace weft::detail
