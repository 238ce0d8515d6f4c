// ci/src/format.hpp — printf-style formatting into a std::string, for the
// gate's short verdict lines (numbers with units and percentages).
#pragma once

#include <cstdio>
#include <string>

namespace weft::gate::detail {

/// `pattern` (printf) applied to `args`; verdict lines are short, longer output is cut at 255 characters.
std::string format(const char* pattern, auto... args) {
  char buffer[256];
  std::snprintf(buffer, sizeof buffer, pattern, args...);
  return buffer;
}

}  // namespace weft::gate::detail
