#include "scheduler_flags.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "common.hpp"
#include "numbers.hpp"
#include "weft/lincheck/history.hpp"
#include "weft/reports/run_report.hpp"

namespace weft::cli {
namespace {
constexpr const char* strategy_names = "random, pct, pos, surw, dfs, ipb, idb or portfolio";
constexpr const char* memory_model_names = "c11 or sc";
constexpr unsigned max_store_history = 64;
// The command line explores longer than a library call (options::iterations):
// a CI run has the time, a unit test calling weft::check has not.
constexpr std::uint64_t command_line_iterations = 20'000;

std::string unknown_strategy(const std::string& name) {
  return strategy_from_string(name) ? std::string() : "unknown strategy '" + name + "' (" + strategy_names + ")";
}

std::string unknown_memory_model(const std::string& name) {
  return memory_model_from_string(name) ? std::string()
                                        : "unknown memory model '" + name + "' (" + memory_model_names + ")";
}
}  // namespace

options scheduler_flags::resolve() const {
  options o = opts;
  if (!std::isfinite(time) || time < 0) {
    throw input_error("--time " + std::to_string(time) + " is not a number of seconds >= 0 (0: no budget)");
  }
  o.time_budget_seconds = time;
  try {
    if (!detect.empty()) o.detect = parse_detectors(detect);
    if (!suppressions.empty()) o.suppress = suppressions::read_file(suppressions);
    lincheck::program_shape shape;
    if (!threads.empty()) shape.threads = lincheck::parse_count_range(threads, "--threads");
    if (!ops_per_thread.empty()) shape.ops_per_thread = lincheck::parse_count_range(ops_per_thread, "--ops-per-thread");
    lincheck::set_program_shape(shape);
  } catch (const std::invalid_argument& e) {
    throw input_error(e.what());
  }
  if (!std::isfinite(o.watchdog_seconds) || o.watchdog_seconds <= 0) {
    throw input_error("--watchdog " + std::to_string(o.watchdog_seconds) + " is not a positive number of seconds");
  }
  o.supervised = true;  // a crash, exit or hang of the code under test is a finding, not the end of weft
  return o;
}

std::string scheduler_flags::replay_flags() const {
  std::string out;
  if (!detect.empty()) out += " " + reports::shell_word("--detect=" + detect);
  if (!suppressions.empty()) out += " --suppressions " + reports::shell_word(suppressions);
  if (!threads.empty()) out += " --threads " + reports::shell_word(threads);
  if (!ops_per_thread.empty()) out += " --ops-per-thread " + reports::shell_word(ops_per_thread);
  // What the schedule's decisions mean depends on these: a replay needs them too.
  if (opts.skip_independent_points) out += " --skip-independent";
  if (opts.spurious_wakeups) out += " --spurious-wakeups";
  const options defaults;
  if (opts.memory_model != defaults.memory_model) out += " --memory-model " + std::string(to_string(opts.memory_model));
  if (opts.store_history != defaults.store_history) out += " --store-history " + std::to_string(opts.store_history);
  if (opts.volatile_plain) out += " --volatile-plain";
  return out;
}

options for_next_scenario(const options& base, double elapsed, std::size_t scenarios_left, unsigned at_once) {
  options o = base;
  if (base.time_budget_seconds > 0 && scenarios_left > 0) {
    const double left = base.time_budget_seconds - elapsed;
    o.time_budget_seconds = std::max(0.01, std::min(left, left * at_once / double(scenarios_left)));
  }
  return o;
}

void add_scheduler_flags(CLI::App& cmd, scheduler_flags& f, bool exploring) {
  f.opts.iterations = command_line_iterations;
  if (exploring) {
    cmd.add_option_function<std::string>(
           "--strategy", [&f](const std::string& name) { f.opts.strategy = *strategy_from_string(name); },
           std::string(strategy_names) + " (see docs/strategies.md)")
        ->default_str(std::string(to_string(f.opts.strategy)))
        ->check(unknown_strategy);
    cmd.add_option("--iterations,-n", f.opts.iterations, "Executions per scenario at most")
        ->capture_default_str()
        ->check(whole_number_of<std::uint64_t>(1));
    cmd.add_option("--time", f.time, "Wall-time budget in seconds for the whole run (0: none)")
        ->check(seconds("no budget"));
    cmd.add_option("--seed", f.opts.seed, "Seed; execution i of seed s is reproducible on its own")
        ->capture_default_str()
        ->check(whole_number_of<std::uint64_t>());
    cmd.add_option("--jobs,-j", f.opts.jobs, "Executions in parallel (worker processes)")
        ->capture_default_str()
        ->check(whole_number(1, 256));
    cmd.add_flag("--keep-going", f.opts.keep_going, "Collect every distinct finding instead of stopping at the first");
    cmd.add_option("--pct-depth", f.opts.pct_depth, "PCT bug depth d")->capture_default_str()->check(whole_number(1, 16));
    cmd.add_option("--preemption-bound", f.opts.preemption_bound, "Bounded DFS: preemptions per schedule")
        ->capture_default_str()
        ->check(whole_number_of<unsigned>());
    cmd.add_option("--shrink-time", f.opts.shrink_seconds,
                   "Seconds per finding for shrinking its schedule by replay (fewest preemptions, then fewest steps)")
        ->capture_default_str()
        ->check(seconds("findings keep the schedule found"));
  }
  cmd.add_option("--max-steps", f.opts.max_steps, "Hard ceiling on scheduling points per execution (reaching it is a `livelock` finding)")
      ->capture_default_str()
      ->check(whole_number_of<std::uint64_t>(1));
  cmd.add_option("--watchdog", f.opts.watchdog_seconds,
                 "Seconds one execution may run before it is a `hang` finding (a loop with no scheduling point)")
      ->capture_default_str()
      ->check(seconds());
  cmd.add_flag("--skip-independent", f.opts.skip_independent_points,
               "A scheduling point whose operation conflicts with no other thread's next one is not a choice "
               "(replay with the same flag)");
  cmd.add_flag("--spurious-wakeups", f.opts.spurious_wakeups, "Let condition variables wake spuriously");
  cmd.add_option_function<std::string>(
         "--memory-model", [&f](const std::string& name) { f.opts.memory_model = *memory_model_from_string(name); },
         "How weft::atomic behaves: c11, the C++ memory model (a load may read an older store), or sc, every access "
         "sequentially consistent (docs/guide.md; replay with the same model)")
      ->default_str(std::string(to_string(f.opts.memory_model)))
      ->check(unknown_memory_model);
  cmd.add_option("--store-history", f.opts.store_history,
                 "c11: the older stores each atomic keeps readable besides the newest (replay with the same number)")
      ->capture_default_str()
      ->check(whole_number(0, max_store_history));
  cmd.add_flag("--volatile-plain", f.opts.volatile_plain,
               "weft exec: judge a volatile access as a plain one (a data race when unordered, as C++ and "
               "ThreadSanitizer do) instead of a relaxed atomic access (replay with the same flag)");
  cmd.add_option("--stack-size", f.opts.stack_size,
                 "Bytes of stack per logical thread (a guard page below it: overflowing is a `crash` finding)")
      ->capture_default_str()
      ->check(whole_number(16 * 1024, std::uint64_t{1} << 30));
  cmd.add_option("--detect", f.detect,
                 "Detectors to turn off (-kind) or on (+kind), comma-separated, e.g. "
                 "--detect=-data_race,-lock_order_inversion; bare kinds keep only those; a sub-kind "
                 "(-misuse/held_at_end) touches only its findings (docs/guide.md)")
      ->type_name("LIST");
  cmd.add_option("--suppressions", f.suppressions,
                 "Findings to count as suppressed instead of reporting: one kind:pattern rule per line (docs/guide.md)")
      ->type_name("FILE");
  cmd.add_option("--threads", f.threads,
                 "Lincheck specs: parallel threads per drawn program, N or LO-HI (default: each spec's, usually 2-4; "
                 "replay with the same flag)")
      ->type_name("RANGE");
  cmd.add_option("--ops-per-thread", f.ops_per_thread,
                 "Lincheck specs: operations per parallel thread, N or LO-HI (default: each spec's, usually 1-6; "
                 "replay with the same flag)")
      ->type_name("RANGE");
}

options options_from_flags(const std::vector<std::string>& flags) {
  CLI::App app{"", "weft"};
  app.set_help_flag();  // "--help" is not a scheduler flag
  scheduler_flags f;
  add_scheduler_flags(app, f, true);
  std::vector<std::string> args(flags.rbegin(), flags.rend());  // CLI11 takes them last first
  try {
    app.parse(args);
  } catch (const CLI::ParseError& e) {
    throw input_error(e.what());
  }
  return f.resolve();
}

}  // namespace weft::cli
