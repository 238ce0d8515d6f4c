// ci/src/compare.cpp — the gate's rule: median of repetitions vs baseline median.
#include "weft/gate/compare.hpp"

#include <algorithm>
#include <cstdio>
#include <set>

#include "format.hpp"

namespace weft::gate {
namespace {

using detail::format;

std::string human_ns(double ns) {
  if (ns >= 1e9) return format("%.3g s", ns / 1e9);
  if (ns >= 1e6) return format("%.4g ms", ns / 1e6);
  if (ns >= 1e3) return format("%.4g us", ns / 1e3);
  return format("%.4g ns", ns);
}

comparison judge(const std::string& name, double base_ns, const bench_sample* sample,
                 double tolerance) {
  comparison c{name, base_ns, 0, 0, false, {}};
  if (sample == nullptr || (sample->values.empty() && sample->error.empty())) {
    c.regressed = true;
    c.reason = "missing from the current run (renamed or removed? record a new baseline)";
    return c;
  }
  if (!sample->error.empty()) {
    c.regressed = true;
    c.reason = "the benchmark failed: " + sample->error;
    return c;
  }
  c.current_ns = median(sample->values);
  c.ratio = c.current_ns / base_ns;
  const double limit = 1.0 + tolerance;
  c.regressed = c.ratio > limit;
  const std::string both = format("median %s vs baseline %s: %.2fx", human_ns(c.current_ns).c_str(),
                                  human_ns(base_ns).c_str(), c.ratio);
  if (c.regressed) {
    c.reason = both + format(", slower than the %.2fx allowed (tolerance %.0f%%)", limit, tolerance * 100);
  } else if (c.ratio < 1.0 / limit) {
    c.reason = both + ", faster by more than the tolerance: consider recording a new baseline";
  } else {
    c.reason = both + ", within tolerance";
  }
  if (sample->values.size() < 3) c.reason += format(" (only %zu repetition(s): noisy)", sample->values.size());
  return c;
}

}  // namespace

double median(std::vector<double> values) {
  if (values.empty()) return 0;
  const std::size_t mid = values.size() / 2;
  std::nth_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid), values.end());
  const double upper = values[mid];
  if (values.size() % 2 == 1) return upper;
  const double lower = *std::max_element(values.begin(), values.begin() + static_cast<std::ptrdiff_t>(mid));
  return (lower + upper) / 2;
}

std::vector<comparison> compare(const baseline& base, const bench_run& run) {
  std::vector<comparison> out;
  for (const auto& [name, ns] : base.median_ns) {
    out.push_back(judge(name, ns, find_sample(run, name), base.tolerance));
  }
  for (const auto& sample : run.samples) {
    if (base.median_ns.contains(sample.name)) continue;
    comparison c{sample.name, 0, median(sample.values), 0, false, {}};
    c.reason = sample.error.empty() ? "not in the baseline (new benchmark): not judged"
                                    : "not in the baseline, and failed: " + sample.error;
    c.regressed = !sample.error.empty();
    out.push_back(std::move(c));
  }
  return out;
}

bool passed(const std::vector<comparison>& comparisons) {
  return std::none_of(comparisons.begin(), comparisons.end(),
                      [](const comparison& c) { return c.regressed; });
}

std::string load_warning(const bench_run& run) {
  if (run.load_average < 0 || run.num_cpus <= 0) return {};
  if (run.load_average <= 0.75 * run.num_cpus) return {};
  return format("warning: the machine was busy when the benchmarks started (1-minute load average %.2f on %d CPUs); "
                "wall-clock times are unreliable, judge them on a quiet machine",
                run.load_average, run.num_cpus);
}

std::string format_comparisons(const std::vector<comparison>& comparisons) {
  return detail::verdict_table(comparisons, "benchmark(s)", "gate");
}

}  // namespace weft::gate
