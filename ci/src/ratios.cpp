// ci/src/ratios.cpp — gating the ratio of two benchmarks of one run.
#include "weft/gate/ratios.hpp"

#include <algorithm>
#include <cstdio>

#include "weft/gate/compare.hpp"
#include "weft/gate/run_gate.hpp"

#include "format.hpp"

namespace weft::gate {
namespace {

using detail::format;

/// The median of `counter` over the repetitions of `name`, or 0 with `why` said.
double median_counter(const bench_run& run, const std::string& name, const std::string& counter, std::string& why) {
  const bench_sample* sample = find_sample(run, name);
  if (sample == nullptr) {
    why = name + " is missing from the run (renamed or removed? update ci/gate.json)";
    return 0;
  }
  if (!sample->error.empty()) {
    why = name + " failed: " + sample->error;
    return 0;
  }
  const auto it = sample->counters.find(counter);
  const double value = it == sample->counters.end() ? 0 : median(it->second);
  if (!(value > 0)) why = name + " reports no positive \"" + counter + "\"";
  return value;
}

ratio_check judge(const ratio_pair& pair, const std::string& counter, const bench_run& run, double tolerance) {
  ratio_check c{pair.numerator + " / " + pair.denominator, pair.recorded, 0, true, {}};
  const double numerator = median_counter(run, pair.numerator, counter, c.reason);
  const double denominator = c.reason.empty() ? median_counter(run, pair.denominator, counter, c.reason) : 0;
  if (!c.reason.empty()) return c;
  c.current = numerator / denominator;
  const double limit = pair.recorded / (1.0 + tolerance);
  c.regressed = c.current < limit;
  c.reason = format("%s %.3f vs recorded %.3f", counter.c_str(), c.current, pair.recorded);
  if (c.regressed) {
    c.reason += format(", below the %.3f allowed (tolerance %.0f%%)", limit, tolerance * 100);
  } else if (c.current > pair.recorded * (1.0 + tolerance)) {
    c.reason += ", better by more than the tolerance: consider recording the new ratio";
  } else {
    c.reason += ", within tolerance";
  }
  return c;
}

std::vector<std::string> benchmarks_of(const std::vector<ratio_pair>& pairs) {
  std::vector<std::string> names;
  for (const auto& p : pairs) {
    for (const std::string* name : {&p.numerator, &p.denominator}) {
      if (std::find(names.begin(), names.end(), *name) == names.end()) names.push_back(*name);
    }
  }
  return names;
}

}  // namespace

std::vector<ratio_check> compare_ratios(const ratio_config& config, const bench_run& run, double tolerance) {
  std::vector<ratio_check> out;
  for (const auto& pair : config.pairs) out.push_back(judge(pair, config.counter, run, tolerance));
  return out;
}

bool ratios_passed(const std::vector<ratio_check>& checks) {
  return std::none_of(checks.begin(), checks.end(), [](const ratio_check& c) { return c.regressed; });
}

ratio_outcome run_ratio_gate(const ratio_config& config, const bench_options& options, double tolerance,
                             int confirmations) {
  ratio_outcome out;
  bench_options o = options;
  o.filter = exact_filter(benchmarks_of(config.pairs));
  out.run = run_benchmarks(o);
  out.checks = compare_ratios(config, out.run, tolerance);
  for (int round = 0; round < confirmations && !ratios_passed(out.checks); ++round) {
    // Re-run the pairs below their limit; a missing or failed benchmark stays failed.
    ratio_config again = config;
    again.pairs.clear();
    std::vector<std::size_t> where;
    for (std::size_t i = 0; i < out.checks.size(); ++i) {
      if (out.checks[i].regressed && out.checks[i].current > 0) {
        again.pairs.push_back(config.pairs[i]);
        where.push_back(i);
      }
    }
    if (again.pairs.empty()) break;
    o.filter = exact_filter(benchmarks_of(again.pairs));
    o.out_json.clear();
    const std::vector<ratio_check> second = compare_ratios(again, run_benchmarks(o), tolerance);
    for (std::size_t k = 0; k < where.size(); ++k) {
      ratio_check& first = out.checks[where[k]];
      if (second[k].regressed) {
        first.reason += "; confirmed by a re-run (" + second[k].reason + ")";
      } else {
        const double measured = first.current;
        first = second[k];
        first.reason += format(" (a first run measured %.3f: noise, not confirmed)", measured);
      }
    }
  }
  out.passed = ratios_passed(out.checks);
  return out;
}

std::string format_ratio_checks(const std::vector<ratio_check>& checks) {
  return detail::verdict_table(checks, "ratio(s)", "ratios");
}

}  // namespace weft::gate
