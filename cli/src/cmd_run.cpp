// weft run [PATTERN...]: every selected scenario under the controlled
// scheduler, with its verdict against the expected one.
#include <algorithm>
#include <chrono>

#include "commands.hpp"
#include "common.hpp"
#include "scheduler_flags.hpp"
#include "numbers.hpp"
#include "weft/interrupt.hpp"

namespace weft::cli {
namespace {

void add_stats(run_stats& total, const run_stats& more) {
  total.executions += more.executions;
  total.seconds += more.seconds;
  total.steps += more.steps;
  total.max_threads = std::max(total.max_threads, more.max_threads);
  total.max_preemptions = std::max(total.max_preemptions, more.max_preemptions);
}

/// Shrinks a failing workload: RapidCheck's shrinks, most promising first,
/// are tried while one still fails with the same kind of bug.
std::pair<generated_workload, result> shrink(generated_workload failing, result found, const options& o,
                                             run_stats& stats, int& steps) {
  constexpr int max_tries = 40;
  const finding_kind kind = found.findings.front().kind;
  int tries = 0;
  for (bool smaller = true; smaller && failing.shrinks && tries < max_tries;) {
    smaller = false;
    for (generated_workload& candidate : failing.shrinks()) {
      if (++tries > max_tries) break;
      result r = check(candidate.body, o);
      add_stats(stats, r.stats);
      if (!r.ok() && r.findings.front().kind == kind) {
        failing = std::move(candidate);
        found = std::move(r);
        ++steps;
        smaller = true;
        break;
      }
    }
  }
  return {std::move(failing), std::move(found)};
}

/// `n` workloads drawn by the scenario's generator (RapidCheck), then the
/// registered one; the first that fails is shrunk and reported with its
/// parameters.
result run_generated(const scenario& s, const options& o, unsigned n) {
  run_stats stats;
  if (s.generate) {
    for (unsigned k = 1; k <= n; ++k) {
      const std::uint64_t seed = o.seed * 0x9e3779b97f4a7c15ULL + k;
      generated_workload w = s.generate(seed, static_cast<int>(k * 100 / n));
      result r = check(w.body, o);
      add_stats(stats, r.stats);
      if (r.ok()) continue;
      int steps = 0;
      auto [smallest, found] = shrink(std::move(w), std::move(r), o, stats, steps);
      for (finding& f : found.findings) {
        f.details.push_back("workload: " + smallest.description + " (generated workload " + std::to_string(k) +
                            " of " + std::to_string(n) + ", shrunk " + std::to_string(steps) +
                            " times; rerun with --generate " + std::to_string(n) + " --seed " +
                            std::to_string(o.seed) + ")");
      }
      found.stats = stats;
      return found;
    }
  }
  result r = check(s.checked, o);
  add_stats(stats, r.stats);
  r.stats = stats;
  return r;
}

}  // namespace

command add_run(CLI::App& app, int argc, char** argv) {
  struct flags {
    std::vector<std::string> patterns;
    scheduler_flags scheduler;
    report_flags reports;
    std::string shard;
    unsigned generate = 0;
  };
  auto f = std::make_shared<flags>();
  CLI::App* cmd = app.add_subcommand("run", "Run scenarios under the controlled scheduler");
  cmd->add_option("patterns", f->patterns, "Scenario names, families or globs (default: all)");
  add_scheduler_flags(*cmd, f->scheduler, true);
  add_report_flags(*cmd, f->reports);
  cmd->add_option("--generate", f->generate,
                  "Also try N workloads drawn by RapidCheck (threads, operations, capacities); a failing one is shrunk")
      ->check(whole_number_of<unsigned>());
  cmd->add_option("--shard", f->shard, "Run only shard i of n (i/n, 1-based; default from CI_NODE_INDEX/TOTAL)");
  return [f, argc, argv] {
    using wall = std::chrono::steady_clock;
    const auto started = wall::now();
    const options base = f->scheduler.resolve();
    const shard sh = parse_shard(f->shard);
    const auto selected = take_shard(select_scenarios(f->patterns), sh);
    reports::run_report header = make_header(argc, argv);
    header.shard = sh.text();
    session run(std::move(header), f->reports);
    std::uint64_t executions = 0;
    for (std::size_t i = 0; i < selected.size(); ++i) {
      const scenario& s = *selected[i];
      const double elapsed = std::chrono::duration<double>(wall::now() - started).count();
      const options o = for_next_scenario(base, elapsed, selected.size() - i);
      const double rate = elapsed > 0 ? double(executions) / elapsed : 0;
      run.progress(i, selected.size(), rate, i > 0 ? elapsed / double(i) * double(selected.size() - i) : 0);
      result r;
      try {
        r = f->generate > 0 ? run_generated(s, o, f->generate) : check(s.checked, o);
      } catch (const interrupted&) {
        reports::remove_reports(f->reports.paths());  // absent rather than stale: this run has no verdict
        throw;
      }
      executions += r.stats.executions;
      auto rep = make_scenario_report(s, "checked", std::move(r));
      rep.strategy = to_string(o.strategy);
      rep.replay_command += f->scheduler.replay_flags();
      rep.seed = o.seed;
      run.add(std::move(rep));
    }
    return run.finish(std::chrono::duration<double>(wall::now() - started).count());
  };
}

}  // namespace weft::cli
