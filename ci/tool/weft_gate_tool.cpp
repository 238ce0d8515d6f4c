// ci/tool/weft_gate_tool.cpp — weft-gate-tool: the gate's command line until
// `weft bench` / `weft gate` take it over.
//
//   weft-gate-tool baseline --program P --out ci/baseline.json [options]
//   weft-gate-tool compare  --program P --baseline ci/baseline.json [options]
//   weft-gate-tool noise    --program P [--runs 5] [options]
//   weft-gate-tool noise    RUN.json RUN.json ...      (recorded runs)
//   weft-gate-tool ratios   --config ci/gate.json [--program P | --json RUN.json]
//                           (the configured ratio pairs, judged; --program
//                           defaults to the configuration's ratio program)
// options: --config ci/gate.json (defaults for the ones below), --repetitions N,
//          --min-time S, --filter REGEX, --tolerance T, --json FILE (compare /
//          baseline: read this recorded run instead of running the program;
//          with --program: also keep the run's JSON there), --confirm N
//          (compare: re-runs of regressed benchmarks before failing; default 1),
//          --note TEXT (baseline: put in front of the recorded note).
// Exit status: 0 ok / gate passed, 1 regression, 2 usage or input error.
#include <cstdio>
#include <exception>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "weft/gate/gate.hpp"

namespace {

using namespace weft::gate;

struct usage_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct arguments {
  std::string command;
  std::map<std::string, std::string> options;  // "--program" -> "P"
  std::vector<std::string> files;              // positional
};

arguments parse(int argc, char** argv) {
  if (argc < 2) throw usage_error("no command (baseline, compare, noise, ratios)");
  arguments a;
  a.command = argv[1];
  for (int i = 2; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.rfind("--", 0) != 0) {
      a.files.push_back(arg);
      continue;
    }
    if (const auto eq = arg.find('='); eq != std::string::npos) {
      a.options[arg.substr(0, eq)] = arg.substr(eq + 1);
    } else if (i + 1 < argc) {
      a.options[arg] = argv[++i];
    } else {
      throw usage_error(arg + " needs a value");
    }
  }
  return a;
}

std::optional<std::string> take(arguments& a, const std::string& key) {
  const auto it = a.options.find(key);
  if (it == a.options.end()) return std::nullopt;
  std::string value = it->second;
  a.options.erase(it);
  return value;
}

double number(const std::string& key, const std::string& text) {
  try {
    std::size_t used = 0;
    const double v = std::stod(text, &used);
    if (used == text.size()) return v;
  } catch (const std::exception&) {
  }
  throw usage_error(key + " must be a number, not \"" + text + "\"");
}

struct settings {
  gate_config config;  // --config's, else the defaults
  bench_options bench;
  std::optional<double> tolerance;  // --tolerance, else --config's; else (compare) the baseline's
  std::optional<std::string> recorded_json;
};

settings read_settings(arguments& a) {
  settings s;
  gate_config config;
  if (auto path = take(a, "--config")) {
    config = read_gate_config(*path);
    s.tolerance = config.tolerance;
  }
  s.config = config;
  s.bench.repetitions = config.repetitions;
  s.bench.min_time = config.min_time;
  s.bench.filter = config.benchmark_filter;
  if (auto v = take(a, "--program")) s.bench.program = *v;
  if (auto v = take(a, "--repetitions")) s.bench.repetitions = static_cast<int>(number("--repetitions", *v));
  if (auto v = take(a, "--min-time")) s.bench.min_time = number("--min-time", *v);
  if (auto v = take(a, "--filter")) s.bench.filter = *v;
  if (auto v = take(a, "--tolerance")) s.tolerance = number("--tolerance", *v);
  s.recorded_json = take(a, "--json");
  return s;
}

void reject_leftovers(const arguments& a, bool files_allowed = false) {
  if (!a.options.empty()) throw usage_error("unknown option " + a.options.begin()->first);
  if (!files_allowed && !a.files.empty()) throw usage_error("unexpected argument \"" + a.files.front() + "\"");
}

/// The run to judge: a recorded JSON file (--json without --program) or a fresh run.
bench_run current_run(settings& s) {
  if (s.recorded_json && s.bench.program.empty()) return read_benchmark_json(*s.recorded_json);
  if (s.bench.program.empty()) throw usage_error("--program (or --json with a recorded run) is required");
  if (s.recorded_json) s.bench.out_json = *s.recorded_json;
  return run_benchmarks(s.bench);
}

int cmd_baseline(arguments& a) {
  settings s = read_settings(a);
  const auto out = take(a, "--out");
  const auto note = take(a, "--note");
  reject_leftovers(a);
  if (!out) throw usage_error("baseline needs --out FILE");
  const bench_run run = current_run(s);
  baseline b = make_baseline(run, s.tolerance.value_or(gate_config{}.tolerance));
  const bool recorded = s.recorded_json && s.bench.program.empty();
  b.note = recorded ? "made by weft-gate-tool baseline from the recorded run " + *s.recorded_json + "; " + b.note
                    : "recorded by weft-gate-tool baseline (" + std::to_string(s.bench.repetitions) +
                          " repetitions, min_time " + std::to_string(s.bench.min_time) + " s); " + b.note;
  if (note) b.note = *note + "; " + b.note;
  write_baseline(b, *out);
  std::printf("wrote %s: %zu benchmarks, tolerance %.2f\n", out->c_str(), b.median_ns.size(), b.tolerance);
  return 0;
}

int cmd_compare(arguments& a) {
  settings s = read_settings(a);
  const auto path = take(a, "--baseline");
  const auto confirm = take(a, "--confirm");
  reject_leftovers(a);
  if (!path) throw usage_error("compare needs --baseline FILE");
  baseline b = read_baseline(*path);
  if (s.tolerance) b.tolerance = *s.tolerance;  // --tolerance, else --config's, else the baseline's own

  gate_outcome outcome;
  if (s.recorded_json && s.bench.program.empty()) {  // a recorded run: judge it as it is
    outcome.run = select_samples(read_benchmark_json(*s.recorded_json), s.bench.filter);
    outcome.warning = load_warning(outcome.run);
    outcome.comparisons = compare(select_benchmarks(b, s.bench.filter), outcome.run);
    outcome.passed = passed(outcome.comparisons);
  } else {
    if (s.bench.program.empty()) throw usage_error("--program (or --json with a recorded run) is required");
    if (s.recorded_json) s.bench.out_json = *s.recorded_json;
    outcome = run_gate(b, s.bench, confirm ? static_cast<int>(number("--confirm", *confirm)) : 1);
  }
  std::fputs(format_comparisons(outcome.comparisons).c_str(), stdout);
  if (!outcome.warning.empty()) std::fprintf(stderr, "%s\n", outcome.warning.c_str());
  return outcome.passed ? 0 : 1;
}

int cmd_ratios(arguments& a) {
  settings s = read_settings(a);
  const auto confirm = take(a, "--confirm");
  reject_leftovers(a);
  if (s.config.ratios.pairs.empty()) throw usage_error("the configuration has no \"ratios\" pairs (--config FILE)");
  const double tolerance = s.tolerance.value_or(s.config.tolerance);
  ratio_outcome outcome;
  if (s.recorded_json && s.bench.program.empty()) {
    outcome.checks = compare_ratios(s.config.ratios, read_benchmark_json(*s.recorded_json), tolerance);
    outcome.passed = ratios_passed(outcome.checks);
  } else {
    if (s.bench.program.empty()) s.bench.program = s.config.ratios.program;
    if (s.recorded_json) s.bench.out_json = *s.recorded_json;
    outcome = run_ratio_gate(s.config.ratios, s.bench, tolerance,
                             confirm ? static_cast<int>(number("--confirm", *confirm)) : 1);
  }
  std::fputs(format_ratio_checks(outcome.checks).c_str(), stdout);
  return outcome.passed ? 0 : 1;
}

int cmd_noise(arguments& a) {
  settings s = read_settings(a);
  const auto runs_text = take(a, "--runs");
  reject_leftovers(a, true);
  std::vector<bench_run> runs;
  for (const auto& file : a.files) runs.push_back(read_benchmark_json(file));
  if (!s.bench.program.empty()) {
    const int count = runs_text ? static_cast<int>(number("--runs", *runs_text)) : 5;
    for (int i = 0; i < count; ++i) {
      if (s.recorded_json) s.bench.out_json = *s.recorded_json + "." + std::to_string(i + 1);
      runs.push_back(run_benchmarks(s.bench));
      std::fprintf(stderr, "run %d/%d done (load average %.2f at its start)\n", i + 1, count,
                   runs.back().load_average);
    }
  }
  if (runs.size() < 2) throw usage_error("noise needs --program P or at least two recorded runs");
  std::printf("%zu runs; context of the first: %s\n", runs.size(), runs.front().context.c_str());
  std::fputs(format_noise(measure_noise(runs)).c_str(), stdout);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    arguments a = parse(argc, argv);
    if (a.command == "baseline") return cmd_baseline(a);
    if (a.command == "compare") return cmd_compare(a);
    if (a.command == "noise") return cmd_noise(a);
    if (a.command == "ratios") return cmd_ratios(a);
    throw usage_error("unknown command \"" + a.command + "\" (baseline, compare, noise, ratios)");
  } catch (const usage_error& e) {
    std::fprintf(stderr, "weft-gate-tool: %s\n", e.what());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "weft-gate-tool: %s\n", e.what());
    return 2;
  }
}
