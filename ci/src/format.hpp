// ci/src/format.hpp — printf-style formatting into a std::string, for the
// gate's short verdict lines (numbers with units and percentages).
#pragma once

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

namespace weft::gate::detail {

/// `pattern` (printf) applied to `args`; verdict lines are short, longer output is cut at 255 characters.
std::string format(const char* pattern, auto... args) {
  char buffer[256];
  std::snprintf(buffer, sizeof buffer, pattern, args...);
  return buffer;
}

/// The gate's verdict table: a line per row (`ok`/`FAIL`, its name, its
/// reason) and a summary line "N <what> compared, M regressed: <verdict_of> passed|FAILED".
/// Row has `name`, `regressed` and `reason`.
template <class Row>
std::string verdict_table(const std::vector<Row>& rows, const char* what, const char* verdict_of) {
  std::size_t width = 9;
  for (const auto& r : rows) width = std::max(width, r.name.size());
  std::string text;
  std::size_t regressed = 0;
  for (const auto& r : rows) {
    regressed += r.regressed ? 1 : 0;
    text += format("%-4s ", r.regressed ? "FAIL" : "ok") + r.name + std::string(width - r.name.size() + 2, ' ') +
            r.reason + "\n";
  }
  text += format("%zu %s compared, %zu regressed: %s %s\n", rows.size(), what, regressed, verdict_of,
                 regressed == 0 ? "passed" : "FAILED");
  return text;
}

}  // namespace weft::gate::detail
