// weft run [PATTERN...]: every selected scenario under the controlled
// scheduler, with its verdict against the expected one.
#include <algorithm>
#include <chrono>
#include <optional>

#include "commands.hpp"
#include "common.hpp"
#include "scheduler_flags.hpp"
#include "numbers.hpp"
#include "scenario_pool.hpp"
#include "weft/interrupt.hpp"
#include "weft/prop.hpp"

namespace weft::cli {

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
  cmd->add_option("--shard", f->shard, "Run only shard i of n (i/n, 1-based; default: WEFT_SHARD, then the Bazel, GoogleTest, Kubernetes, Slurm and CI variables of docs/ci.md)");
  return [f, argc, argv] {
    using wall = std::chrono::steady_clock;
    const auto started = wall::now();
    const options base = f->scheduler.resolve();
    const shard sh = parse_shard(f->shard);
    const auto selected = take_shard(select_scenarios(f->patterns), sh);
    reports::run_report header = make_header(argc, argv);
    header.shard = sh.text();
    header.shard_source = sh.source;
    session run(std::move(header), f->reports);
    // Several scenarios at --jobs N: N whole scenarios at a time, each in its
    // own process with one worker (cli/src/scenario_pool.hpp).
    const bool pooled = base.jobs > 1 && selected.size() > 1;
    const unsigned slots = pooled ? base.jobs : 1;
    auto options_for = [&](std::size_t i) {
      const double elapsed = std::chrono::duration<double>(wall::now() - started).count();
      options o = for_next_scenario(base, elapsed, selected.size() - i, slots);
      if (pooled) o.jobs = 1;
      return o;
    };
    auto run_scenario = [&](std::size_t i) {
      const scenario& s = *selected[i];
      const options o = options_for(i);
      const unsigned workloads = f->generate > 0 ? f->generate : prop::default_workloads(s);  // lincheck: programs by default
      prop::generated_run r =  // r.program: the generated program the findings are in, if any
          workloads > 0 ? prop::run_generated(s, o, workloads) : prop::generated_run{check(s.checked, o), {}};
      auto rep = make_scenario_report(s, "checked", std::move(r.outcome));
      rep.strategy = to_string(o.strategy);
      rep.replay_command += program_flag(r.program) + f->scheduler.replay_flags();
      rep.seed = o.seed;
      return rep;
    };
    std::uint64_t executions = 0;
    auto progress = [&](std::size_t i) {
      const double elapsed = std::chrono::duration<double>(wall::now() - started).count();
      const double rate = elapsed > 0 ? double(executions) / elapsed : 0;
      run.progress(i, selected.size(), rate, i > 0 ? elapsed / double(i) * double(selected.size() - i) : 0);
    };
    auto add = [&](reports::scenario_report rep) {
      executions += rep.outcome.stats.executions;
      run.add(std::move(rep));
    };
    try {
      if (!pooled) {
        for (std::size_t i = 0; i < selected.size(); ++i) {
          progress(i);
          add(run_scenario(i));
        }
      } else {
        run_in_children(selected.size(), slots, run_scenario,
                        [&](std::size_t i, std::optional<reports::scenario_report> rep) {
                          progress(i);
                          add(rep ? std::move(*rep) : run_scenario(i));  // no report: run here, meet its error here
                        });
      }
    } catch (const interrupted&) {
      reports::remove_reports(f->reports.paths());  // absent rather than stale: this run has no verdict
      throw;
    }
    return run.finish(std::chrono::duration<double>(wall::now() - started).count());
  };
}

}  // namespace weft::cli
