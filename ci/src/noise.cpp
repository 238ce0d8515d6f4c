// ci/src/noise.cpp — run-to-run variation of benchmark medians.
#include "weft/gate/noise.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "weft/gate/compare.hpp"

namespace weft::gate {

std::vector<noise_row> measure_noise(const std::vector<bench_run>& runs) {
  std::vector<noise_row> rows;
  if (runs.empty()) return rows;
  for (const auto& first : runs.front().samples) {
    noise_row row;
    row.name = first.name;
    for (const auto& run : runs) {
      const bench_sample* s = find_sample(run, first.name);
      if (s != nullptr && s->error.empty() && !s->values.empty()) row.medians_ns.push_back(median(s->values));
    }
    if (row.medians_ns.empty()) continue;
    row.median_ns = median(row.medians_ns);
    double mean = 0;
    for (double m : row.medians_ns) mean += m;
    mean /= static_cast<double>(row.medians_ns.size());
    double variance = 0;
    for (double m : row.medians_ns) variance += (m - mean) * (m - mean);
    if (row.medians_ns.size() > 1) variance /= static_cast<double>(row.medians_ns.size() - 1);
    row.cv = mean > 0 ? std::sqrt(variance) / mean : 0;
    const auto [low, high] = std::minmax_element(row.medians_ns.begin(), row.medians_ns.end());
    row.worst_ratio = *low > 0 ? *high / *low : 0;
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string format_noise(const std::vector<noise_row>& rows) {
  std::size_t width = 9;
  for (const auto& r : rows) width = std::max(width, r.name.size());
  std::string text;
  char line[512];
  std::snprintf(line, sizeof line, "%-*s %5s %14s %7s %8s\n", static_cast<int>(width), "benchmark", "runs",
                "median (ns)", "cv", "max/min");
  text += line;
  double worst = 0;
  double worst_cv = 0;
  std::string worst_name;
  for (const auto& r : rows) {
    std::snprintf(line, sizeof line, "%-*s %5zu %14.1f %6.1f%% %8.3f\n", static_cast<int>(width),
                  r.name.c_str(), r.medians_ns.size(), r.median_ns, r.cv * 100, r.worst_ratio);
    text += line;
    worst_cv = std::max(worst_cv, r.cv);
    if (r.worst_ratio > worst) {
      worst = r.worst_ratio;
      worst_name = r.name;
    }
  }
  std::snprintf(line, sizeof line, "largest max/min of run medians: %.3f (%s); largest cv: %.1f%%\n", worst,
                worst_name.c_str(), worst_cv * 100);
  text += line;
  return text;
}

}  // namespace weft::gate
