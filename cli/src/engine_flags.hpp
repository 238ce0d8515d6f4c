// engine_flags.hpp — the controlled scheduler's flags (--strategy,
// --iterations, --seed, ...), shared by `weft run`, `weft replay` and `weft gate`.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "weft/check.hpp"

namespace weft::cli {

struct engine_flags {
  std::string strategy = "portfolio";
  options opts;
  double time = 0;
  /// The options, validated (an input_error on a bad --strategy).
  options resolve() const;
};

void add_engine_flags(CLI::App& cmd, engine_flags& flags, bool exploring);

}  // namespace weft::cli
