// ci/src/filter.cpp — Google Benchmark's filter semantics over benchmark names.
#include "weft/gate/filter.hpp"

#include <regex>
#include <stdexcept>

namespace weft::gate {
namespace {

struct compiled_filter {
  bool everything = false;
  bool negative = false;
  std::regex pattern;
};

compiled_filter compile(const std::string& filter) {
  compiled_filter f;
  if (filter.empty() || filter == "all" || filter == ".") {
    f.everything = true;
    return f;
  }
  std::string spec = filter;
  if (spec.front() == '-') {
    f.negative = true;
    spec.erase(0, 1);
  }
  try {
    f.pattern = std::regex(spec, std::regex::extended | std::regex::nosubs);
  } catch (const std::regex_error& e) {
    throw std::runtime_error("invalid benchmark filter \"" + filter + "\": " + e.what());
  }
  return f;
}

bool matches(const compiled_filter& f, const std::string& name) {
  return f.everything || std::regex_search(name, f.pattern) != f.negative;
}

}  // namespace

bool matches_benchmark_filter(const std::string& name, const std::string& filter) {
  return matches(compile(filter), name);
}

baseline select_benchmarks(const baseline& b, const std::string& filter) {
  const compiled_filter f = compile(filter);
  baseline out = b;
  std::erase_if(out.median_ns, [&](const auto& entry) { return !matches(f, entry.first); });
  return out;
}

bench_run select_samples(const bench_run& run, const std::string& filter) {
  const compiled_filter f = compile(filter);
  bench_run out = run;
  std::erase_if(out.samples, [&](const bench_sample& s) { return !matches(f, s.name); });
  return out;
}

}  // namespace weft::gate
