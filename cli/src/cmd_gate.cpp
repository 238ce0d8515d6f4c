// weft bench: runs the Google Benchmark model suites (weft-bench-models),
// prints and writes their JSON, and with --update-baseline records
// ci/baseline.json. weft gate: the CI gate — the configured scenarios under
// the controlled scheduler plus the benchmarks against the baseline and the
// ratios of benchmark pairs it records (ci/gate.json, rules in docs/gate.md);
// exit 1 on an unexpected verdict or a regression, 2 on bad input such as a
// corrupt baseline.
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <iostream>

#include "commands.hpp"
#include "common.hpp"
#include "scheduler_flags.hpp"
#include "numbers.hpp"
#include "weft/check.hpp"
#include "weft/gate/baseline.hpp"
#include "weft/gate/compare.hpp"
#include "weft/gate/config.hpp"
#include "weft/gate/ratios.hpp"
#include "weft/gate/run_gate.hpp"
#include "weft/gate/runner.hpp"

namespace weft::cli {
namespace {

namespace fs = std::filesystem;

/// A benchmark program by name: beside weft, in the build tree's bench/, or on PATH.
fs::path find_program(const std::string& name) {
  if (name.find('/') != std::string::npos) {
    if (fs::exists(name)) return name;
    throw input_error("benchmark program '" + name + "' does not exist");
  }
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    for (const fs::path& candidate : {self.parent_path() / name, self.parent_path().parent_path() / "bench" / name}) {
      if (fs::exists(candidate)) return candidate;
    }
  }
  if (const char* path = std::getenv("PATH")) {
    std::string dirs = path;
    for (std::size_t start = 0; start <= dirs.size();) {
      const std::size_t end = std::min(dirs.find(':', start), dirs.size());
      const fs::path candidate = fs::path(dirs.substr(start, end - start)) / name;
      if (!candidate.empty() && ::access(candidate.c_str(), X_OK) == 0) return candidate;
      start = end + 1;
    }
  }
  throw input_error("benchmark program '" + name + "' not found beside weft, in bench/ or on PATH (build the "
                    "release preset)");
}

/// Gate library errors on files the user gave are bad input (exit 2).
template <class F>
auto as_input(F f) -> decltype(f()) {
  try {
    return f();
  } catch (const input_error&) {
    throw;
  } catch (const std::runtime_error& e) {
    throw input_error(e.what());
  }
}

void add_timeout_flag(CLI::App& cmd, double& timeout) {
  cmd.add_option("--timeout", timeout, "Seconds the benchmark program may run before it is killed (a failure, exit 2)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
}

}  // namespace

command add_bench(CLI::App& app) {
  struct flags {
    std::string config = "ci/gate.json", program, filter, out;
    int repetitions = 0;
    double min_time = 0;
    bool update_baseline = false, all = false;
    double timeout = 600;
  };
  auto f = std::make_shared<flags>();
  CLI::App* cmd = app.add_subcommand("bench", "Run the model benchmarks (Google Benchmark) and write their JSON");
  cmd->add_option("--config", f->config, "Gate configuration (benchmark program, filter, repetitions)")->capture_default_str();
  cmd->add_option("--program", f->program, "The benchmark program (default from the configuration)");
  cmd->add_option("--filter", f->filter, "Benchmark filter (regex; default from the configuration)");
  cmd->add_flag("--all", f->all, "Every benchmark, not just the configured filter");
  cmd->add_option("--repetitions", f->repetitions, "Repetitions of each benchmark")->check(whole_number_of<int>(1));
  cmd->add_option("--min-time", f->min_time, "Seconds per repetition")->check(seconds());
  cmd->add_option("--out", f->out, "Write Google Benchmark's JSON to FILE")->type_name("FILE");
  add_timeout_flag(*cmd, f->timeout);
  cmd->add_flag("--update-baseline", f->update_baseline, "Write the run's medians to the configured baseline file");
  return [f] {
    const gate::gate_config config = as_input([&] { return gate::read_gate_config(f->config); });
    gate::bench_options o;
    o.program = find_program(f->program.empty() ? config.benchmark_program : f->program);
    o.filter = f->all ? "" : (f->filter.empty() ? config.benchmark_filter : f->filter);
    o.repetitions = f->repetitions > 0 ? f->repetitions : config.repetitions;
    o.min_time = f->min_time > 0 ? f->min_time : config.min_time;
    if (!f->out.empty()) o.out_json = f->out;
    o.timeout_seconds = f->timeout;
    // The benchmark program is the user's: its failure (what it printed is
    // on stderr, above) is bad input, exit 2, not an internal error.
    const gate::bench_run run = as_input([&] { return gate::run_benchmarks(o); });
    std::cout << gate::format_run(run);
    if (const std::string w = gate::load_warning(run); !w.empty()) std::cout << w << "\n";
    if (!f->out.empty()) std::cout << "benchmark JSON: " << f->out << "\n";
    if (f->update_baseline) {
      gate::write_baseline(gate::make_baseline(run, config.tolerance), config.baseline);
      std::cout << "baseline written: " << config.baseline.string() << "\n";
    }
    return static_cast<int>(as_expected);
  };
}

command add_gate(CLI::App& app, int argc, char** argv) {
  struct flags {
    std::string config = "ci/gate.json", program;
    scheduler_flags scheduler;
    report_flags reports;
    double timeout = 600;
  };
  auto f = std::make_shared<flags>();
  CLI::App* cmd = app.add_subcommand("gate", "CI gate: the configured scenarios and benchmarks against the baseline");
  cmd->add_option("--config", f->config, "Gate configuration")->capture_default_str();
  cmd->add_option("--program", f->program, "The benchmark program (default from the configuration)");
  add_scheduler_flags(*cmd, f->scheduler, true);  // the flags of `weft run`
  add_timeout_flag(*cmd, f->timeout);
  add_report_flags(*cmd, f->reports);
  return [f, argc, argv] {
    const auto started = std::chrono::steady_clock::now();
    const gate::gate_config config = as_input([&] { return gate::read_gate_config(f->config); });
    gate::baseline base = as_input([&] { return gate::read_baseline(config.baseline); });
    base.tolerance = config.tolerance;
    gate::bench_options o;
    o.program = find_program(f->program.empty() ? config.benchmark_program : f->program);
    o.filter = config.benchmark_filter;
    o.repetitions = config.repetitions;
    o.min_time = config.min_time;
    const auto selected = select_scenarios(config.scenarios);

    const options scheduler = f->scheduler.resolve();
    session run(make_header(argc, argv), f->reports);
    for (std::size_t i = 0; i < selected.size(); ++i) {
      const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      const options opts = for_next_scenario(scheduler, elapsed, selected.size() - i);
      auto rep = make_scenario_report(*selected[i], "checked", check(selected[i]->checked, opts));
      rep.strategy = to_string(opts.strategy);
      rep.replay_command += f->scheduler.replay_flags();
      rep.seed = opts.seed;
      run.add(std::move(rep));
    }
    o.timeout_seconds = f->timeout;
    const gate::gate_outcome outcome = as_input([&] { return gate::run_gate(base, o); });
    std::cout << gate::format_comparisons(outcome.comparisons);
    if (!outcome.warning.empty()) std::cout << outcome.warning << "\n";
    for (const auto& c : outcome.comparisons) {
      reports::benchmark_entry e;
      e.name = c.name;
      e.value = c.current_ns;
      e.unit = "ns";
      if (c.baseline_ns > 0) e.baseline = c.baseline_ns;
      e.tolerance = config.tolerance;
      e.regressed = c.regressed;
      run.report().benchmarks.push_back(e);
    }
    if (!config.ratios.pairs.empty()) {
      gate::bench_options r = o;
      r.program = find_program(config.ratios.program);
      const gate::ratio_outcome ratios =
          as_input([&] { return gate::run_ratio_gate(config.ratios, r, config.tolerance); });
      std::cout << gate::format_ratio_checks(ratios.checks);
      for (const auto& c : ratios.checks) {
        reports::benchmark_entry e;
        e.name = c.name;
        e.value = c.current;
        e.unit = config.ratios.counter + " ratio";
        e.baseline = c.recorded;
        e.tolerance = config.tolerance;
        e.regressed = c.regressed;
        run.report().benchmarks.push_back(e);
      }
    }
    return run.finish(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
  };
}

}  // namespace weft::cli
