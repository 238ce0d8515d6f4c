// engine_flags.hpp — the controlled scheduler's flags (--strategy,
// --iterations, --seed, --detect, --suppressions, ...), shared by `weft run`
// and `weft replay`.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "weft/check.hpp"

namespace weft::cli {

struct engine_flags {
  std::string strategy = "portfolio";
  options opts;
  double time = 0;
  std::string detect;        // --detect=-data_race,... ("": every detector)
  std::string suppressions;  // --suppressions FILE
  /// The options, validated (an input_error on a bad --strategy, --detect
  /// or suppressions file).
  options resolve() const;
  /// The flags a printed replay command needs to behave like this run
  /// (" --detect=... --suppressions FILE", shell-quoted), or "".
  std::string replay_flags() const;
};

void add_engine_flags(CLI::App& cmd, engine_flags& flags, bool exploring);

}  // namespace weft::cli
