// ci/src/run_gate.cpp — run, compare, confirm regressions with a re-run.
#include "weft/gate/run_gate.hpp"

#include <cstdio>
#include <string_view>

#include "weft/gate/filter.hpp"

namespace weft::gate {
namespace {

std::string regex_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (std::string_view(".[]{}()\\*+?^$|").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

const comparison* find(const std::vector<comparison>& list, const std::string& name) {
  for (const auto& c : list) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

}  // namespace

std::string exact_filter(const std::vector<std::string>& names) {
  std::string filter = "^(";
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) filter += '|';
    filter += regex_escape(names[i]);
  }
  filter += ")$";
  return filter;
}

std::vector<comparison> confirm_regressions(std::vector<comparison> first, const std::vector<comparison>& again) {
  for (auto& c : first) {
    if (!c.regressed) continue;
    const comparison* second = find(again, c.name);
    if (second == nullptr) continue;  // not re-run: the first verdict stands
    if (second->regressed) {
      c.reason += "; confirmed by a re-run (" + second->reason + ")";
      continue;
    }
    char ratio[32];
    std::snprintf(ratio, sizeof ratio, "%.2fx", c.ratio);
    c = *second;
    c.reason += " (a first run measured " + std::string(ratio) + ": noise, not confirmed)";
  }
  return first;
}

gate_outcome run_gate(const baseline& base, const bench_options& options, int confirmations) {
  const baseline selected = select_benchmarks(base, options.filter);
  gate_outcome out;
  out.run = run_benchmarks(options);
  out.warning = load_warning(out.run);
  out.comparisons = compare(selected, out.run);
  for (int round = 0; round < confirmations && !passed(out.comparisons); ++round) {
    std::vector<std::string> regressed;
    for (const auto& c : out.comparisons) {
      // A benchmark missing from the run or not in the baseline: re-running cannot change it.
      if (c.regressed && c.current_ns > 0 && c.baseline_ns > 0) regressed.push_back(c.name);
    }
    if (regressed.empty()) break;
    bench_options again = options;
    again.filter = exact_filter(regressed);
    again.out_json.clear();
    out.comparisons = confirm_regressions(std::move(out.comparisons), compare(selected, run_benchmarks(again)));
  }
  out.passed = passed(out.comparisons);
  return out;
}

}  // namespace weft::gate
