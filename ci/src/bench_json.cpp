// ci/src/bench_json.cpp — Google Benchmark JSON output -> bench_run.
#include "weft/gate/bench_json.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "json_file.hpp"
#include "weft/gate/compare.hpp"

namespace weft::gate {
namespace {

using nlohmann::json;

double ns_per(const std::string& unit) {
  if (unit == "ns") return 1.0;
  if (unit == "us") return 1e3;
  if (unit == "ms") return 1e6;
  if (unit == "s") return 1e9;
  return 0.0;
}

std::string scalar_text(const json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_array()) {
    std::string text;
    for (const auto& item : value) {
      if (!item.is_primitive()) return {};
      if (!text.empty()) text += ' ';
      text += scalar_text(item);
    }
    return text;
  }
  return value.is_primitive() ? value.dump() : std::string{};
}

/// "key: value; ..." of the context's scalar entries (caches are left out).
std::string render_context(const json& context) {
  std::string text;
  if (!context.is_object()) return text;
  for (const auto& [key, value] : context.items()) {
    const std::string v = scalar_text(value);
    if (v.empty()) continue;
    if (!text.empty()) text += "; ";
    text.append(key).append(": ").append(v);
  }
  return text;
}

std::string entry_name(const json& entry) {
  for (const char* key : {"run_name", "name"}) {
    if (auto it = entry.find(key); it != entry.end() && it->is_string()) return it->get<std::string>();
  }
  return {};
}

bench_sample& sample_named(bench_run& run, const std::string& name) {
  for (auto& s : run.samples) {
    if (s.name == name) return s;
  }
  run.samples.push_back(bench_sample{name, {}, "ns", {}, {}, {}});
  return run.samples.back();
}

void read_entry(const std::filesystem::path& file, std::size_t index, const json& entry,
                bench_run& run) {
  const std::string where = "benchmark #" + std::to_string(index);
  if (!entry.is_object()) detail::fail(file, where + " is not an object");
  const std::string name = entry_name(entry);
  if (name.empty()) detail::fail(file, where + " has no \"name\" string");
  if (auto type = entry.find("run_type"); type != entry.end() && *type != "iteration") return;

  bench_sample& sample = sample_named(run, name);
  if (entry.value("error_occurred", false)) {
    const auto message = entry.find("error_message");
    sample.error = message != entry.end() && message->is_string() ? message->get<std::string>()
                                                                   : "error";
    return;
  }
  const auto time = entry.find("real_time");
  if (time == entry.end() || !time->is_number()) {
    detail::fail(file, where + " (" + name + ") has no numeric \"real_time\"");
  }
  const auto unit_it = entry.find("time_unit");
  const std::string unit =
      unit_it != entry.end() && unit_it->is_string() ? unit_it->get<std::string>() : "ns";
  const double scale = ns_per(unit);
  if (scale == 0.0) detail::fail(file, where + " (" + name + ") has unknown time_unit \"" + unit + "\"");
  const double ns = time->get<double>() * scale;
  if (!std::isfinite(ns) || ns < 0) {
    detail::fail(file, where + " (" + name + ") has an invalid real_time");
  }
  sample.values.push_back(ns);
  if (auto rate = entry.find("items_per_second"); rate != entry.end() && rate->is_number()) {
    sample.items_per_second.push_back(rate->get<double>());
  }
  for (const auto& [key, value] : entry.items()) {
    if (value.is_number()) sample.counters[key].push_back(value.get<double>());
  }
}

}  // namespace

bench_run read_benchmark_json(const std::filesystem::path& file) {
  const json doc = detail::read_json_file(file, detail::nonfinite::as_null);
  if (!doc.is_object()) detail::fail(file, "not Google Benchmark JSON output (not an object)");
  const auto benchmarks = doc.find("benchmarks");
  if (benchmarks == doc.end() || !benchmarks->is_array()) {
    detail::fail(file, "not Google Benchmark JSON output (no \"benchmarks\" array)");
  }
  bench_run run;
  if (auto context = doc.find("context"); context != doc.end() && context->is_object()) {
    run.context = render_context(*context);
    if (auto load = context->find("load_avg"); load != context->end() && load->is_array() && !load->empty() &&
                                               load->front().is_number()) {
      run.load_average = load->front().get<double>();
    }
    if (auto cpus = context->find("num_cpus"); cpus != context->end() && cpus->is_number_integer()) {
      run.num_cpus = cpus->get<int>();
    }
  }
  std::size_t index = 0;
  for (const auto& entry : *benchmarks) read_entry(file, index++, entry, run);
  if (run.samples.empty()) detail::fail(file, "no benchmark results (did the filter match nothing?)");
  return run;
}

std::string format_run(const bench_run& run) {
  std::size_t width = 9;
  for (const auto& s : run.samples) width = std::max(width, s.name.size());
  std::string text;
  char line[512];
  std::snprintf(line, sizeof line, "%-*s %16s %16s %5s\n", static_cast<int>(width), "benchmark", "median time",
                "median ops/s", "reps");
  text += line;
  for (const auto& s : run.samples) {
    if (!s.error.empty()) {
      text += s.name + "  ERROR: " + s.error + "\n";
      continue;
    }
    char rate[32] = "-";
    if (const double r = median(s.items_per_second); r > 0) std::snprintf(rate, sizeof rate, "%.1f M", r / 1e6);
    std::snprintf(line, sizeof line, "%-*s %13.1f us %16s %5zu\n", static_cast<int>(width), s.name.c_str(),
                  median(s.values) / 1e3, rate, s.values.size());
    text += line;
  }
  text += "context: " + run.context + "\n";
  return text;
}

const bench_sample* find_sample(const bench_run& run, const std::string& name) {
  for (const auto& s : run.samples) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

}  // namespace weft::gate
