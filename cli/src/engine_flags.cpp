#include "engine_flags.hpp"

#include "common.hpp"

namespace weft::cli {
namespace {
constexpr const char* strategy_names = "random, pct, pos, surw, dfs, ipb, idb or portfolio";
}  // namespace

options engine_flags::resolve() const {
  options o = opts;
  const auto s = strategy_from_string(strategy);
  if (!s) throw input_error("unknown strategy '" + strategy + "' (" + strategy_names + ")");
  o.strategy = *s;
  o.time_budget_seconds = time;
  return o;
}

void add_engine_flags(CLI::App& cmd, engine_flags& f, bool exploring) {
  f.opts.iterations = 20'000;
  if (exploring) {
    cmd.add_option("--strategy", f.strategy, std::string(strategy_names) + " (see docs/strategies.md)")
        ->capture_default_str();
    cmd.add_option("--iterations,-n", f.opts.iterations, "Executions per scenario at most")
        ->capture_default_str()
        ->check(CLI::PositiveNumber);
    cmd.add_option("--time", f.time, "Wall-time budget in seconds for the whole run (0: none)")
        ->check(CLI::NonNegativeNumber);
    cmd.add_option("--seed", f.opts.seed, "Seed; execution i of seed s is reproducible on its own")
        ->capture_default_str();
    cmd.add_option("--jobs,-j", f.opts.jobs, "Executions in parallel (worker processes)")
        ->capture_default_str()
        ->check(CLI::Range(1u, 256u));
    cmd.add_flag("--keep-going", f.opts.keep_going, "Collect every distinct finding instead of stopping at the first");
    cmd.add_option("--pct-depth", f.opts.pct_depth, "PCT bug depth d")->capture_default_str()->check(CLI::Range(1u, 16u));
    cmd.add_option("--preemption-bound", f.opts.preemption_bound, "Bounded DFS: preemptions per schedule")
        ->capture_default_str();
  }
  cmd.add_option("--max-steps", f.opts.max_steps, "Scheduling points per execution before `livelock`")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  cmd.add_flag("--skip-independent", f.opts.skip_independent_points,
               "A scheduling point whose operation conflicts with no other thread's next one is not a choice "
               "(replay with the same flag)");
  cmd.add_flag("--spurious-wakeups", f.opts.spurious_wakeups, "Let condition variables wake spuriously");
  cmd.add_option("--stack-size", f.opts.stack_size,
                 "Bytes of stack per logical thread (a guard page below it: overflowing is a `crash` finding)")
      ->capture_default_str()
      ->check(CLI::Range(std::size_t{16 * 1024}, std::size_t{1} << 30));
}

}  // namespace weft::cli
