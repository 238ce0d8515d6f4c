// weft stress / weft relacy: the scenarios on real threads (ThreadSanitizer
// in a tsan build) and under Relacy, reported like `weft run`.
#include <chrono>
#include <iostream>

#include "commands.hpp"
#include "common.hpp"
#include "numbers.hpp"
#include "weft/relacy_runner.hpp"
#include "weft/stress.hpp"

namespace weft::cli {
namespace {

/// Runs `backend` on every selected scenario `usable` says it can run. A
/// scenario whose Relacy run reaches its time limit has no verdict: it is
/// reported UNEXPECTED with no findings, followed by a "no verdict:" line,
/// and the run goes on (exit status 1 at the end). Any other exception ends
/// the whole run.
template <class Usable, class Backend>
int run_backend(const std::vector<std::string>& patterns, const report_flags& reports, int argc, char** argv,
                const char* backend_name, Usable usable, Backend backend) {
  const auto started = std::chrono::steady_clock::now();
  std::vector<const scenario*> selected;
  for (const scenario* s : select_scenarios(patterns)) {
    if (usable(*s)) selected.push_back(s);
  }
  if (selected.empty()) {
    throw input_error(std::string("none of the selected scenarios runs under ") + backend_name +
                      " (weft list --json shows each scenario's engines)");
  }
  session run(make_header(argc, argv), reports);
  for (std::size_t i = 0; i < selected.size(); ++i) {
    run.progress(i, selected.size(), 0, 0);
    const auto scenario_started = std::chrono::steady_clock::now();
    try {
      run.add(make_scenario_report(*selected[i], backend_name, backend(*selected[i])));
    } catch (const relacy_timeout& e) {
      result none;
      none.stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - scenario_started).count();
      auto report = make_scenario_report(*selected[i], backend_name, std::move(none));
      report.as_expected = false;
      run.add(std::move(report));
      std::cout << "  no verdict: " << e.what() << '\n';
    }
  }
  return run.finish(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count());
}

}  // namespace

command add_stress(CLI::App& app, int argc, char** argv) {
  struct flags {
    std::vector<std::string> patterns;
    stress_options opts;
    report_flags reports;
  };
  auto f = std::make_shared<flags>();
  CLI::App* cmd = app.add_subcommand(
      "stress", "Run scenarios on real threads with injected noise (ThreadSanitizer reports in a tsan build)");
  cmd->add_option("patterns", f->patterns, "Scenario names, families or globs (default: all that run on real threads)");
  cmd->add_option("--iterations,-n", f->opts.iterations, "Executions per scenario")
      ->capture_default_str()
      ->check(whole_number_of<std::uint64_t>(1));
  cmd->add_option("--seed", f->opts.seed, "Noise seed")->capture_default_str()->check(whole_number_of<std::uint64_t>());
  cmd->add_option("--timeout", f->opts.timeout_seconds, "Seconds before a hanging scenario is a stress_timeout")
      ->capture_default_str()
      ->check(seconds());
  add_report_flags(*cmd, f->reports);
  return [f, argc, argv] {
    if (!built_with_tsan() && !f->reports.quiet) {
      std::cout << "note: this weft is not built with ThreadSanitizer; only assertions, crashes and hangs are "
                   "detected (build the tsan preset for data races)\n";
    }
    return run_backend(f->patterns, f->reports, argc, argv, "stress",
                      [](const scenario& s) { return static_cast<bool>(s.stress); },
                      [&](const scenario& s) { return stress(s, f->opts); });
  };
}

command add_relacy(CLI::App& app, int argc, char** argv) {
  struct flags {
    std::vector<std::string> patterns;
    std::string search = "random";
    relacy_options opts;
    report_flags reports;
  };
  auto f = std::make_shared<flags>();
  CLI::App* cmd = app.add_subcommand("relacy", "Run scenarios under Relacy (the relaxed C++ memory model)");
  cmd->add_option("patterns", f->patterns, "Scenario names, families or globs (default: all Relacy has)");
  cmd->add_option("--search", f->search, "random, context-bound or full")->capture_default_str();
  cmd->add_option("--iterations,-n", f->opts.iterations,
                  "Relacy iterations of random search (context-bound and full search ignore it)")
      ->capture_default_str()
      ->check(whole_number_of<std::uint64_t>(1));
  f->opts.timeout_seconds = 120;
  cmd->add_option("--timeout", f->opts.timeout_seconds,
                  "Seconds per scenario; a scenario with no verdict by then is reported UNEXPECTED (exit status 1) "
                  "and the others still run")
      ->capture_default_str()
      ->check(seconds());
  cmd->add_option("--program", f->opts.program, "Path of weft-relacy (default: beside weft, then PATH)");
  add_report_flags(*cmd, f->reports);
  return [f, argc, argv] {
    const auto search = relacy_search_from_string(f->search);
    if (!search) throw input_error("unknown Relacy search '" + f->search + "' (random, context-bound or full)");
    f->opts.search = *search;
    return run_backend(f->patterns, f->reports, argc, argv, "relacy", [](const scenario& s) { return s.relacy; },
                      [&](const scenario& s) { return run_relacy(s.name, f->opts); });
  };
}

}  // namespace weft::cli
