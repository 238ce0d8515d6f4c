// scheduler_flags.hpp — the controlled scheduler's flags (--strategy,
// --iterations, --seed, --detect, --suppressions, ...), parsed straight into
// weft::options; the one flag set of `weft run`, `weft gate` and (without the
// exploration flags) `weft replay`.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "weft/check.hpp"

namespace weft::cli {

struct scheduler_flags {
  options opts;  // the library's defaults, but for --iterations (add_scheduler_flags)
  double time = 0;
  std::string detect;        // --detect=-data_race,... ("": every detector)
  std::string suppressions;  // --suppressions FILE
  std::string threads;         // --threads LO-HI: lincheck programs' parallel threads ("": each spec's)
  std::string ops_per_thread;  // --ops-per-thread LO-HI ("": each spec's)
  /// The options, validated (an input_error on a bad --strategy, --detect,
  /// suppressions file, --threads or --ops-per-thread); also sets the shape
  /// of the programs lincheck specs draw (weft::lincheck::set_program_shape).
  options resolve() const;
  /// The flags a printed replay command needs to behave like this run
  /// (" --detect=... --suppressions FILE --threads 3 --memory-model sc",
  /// shell-quoted; the memory model and store history only when not the
  /// defaults), or "".
  std::string replay_flags() const;
};

void add_scheduler_flags(CLI::App& cmd, scheduler_flags& flags, bool exploring);

/// The options the scheduler flags `flags` ("--strategy", "pct", "-n", "500",
/// ...) give, parsed and resolved exactly as `weft run` does; an input_error
/// (one line) on a bad or unknown flag or a stray argument. What an
/// instrumented program's runtime calls on the flags `weft exec` hands it
/// (WEFT_EXEC_REQUEST); needs neither the registry nor weft::main.
options options_from_flags(const std::vector<std::string>& flags);

/// `base` for the next of `scenarios_left` scenarios `elapsed` seconds into
/// the run: what is left of its --time budget shared among them, `at_once`
/// of them running at the same time.
options for_next_scenario(const options& base, double elapsed, std::size_t scenarios_left, unsigned at_once = 1);

}  // namespace weft::cli
