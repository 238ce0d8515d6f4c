// weft bench, weft gate, weft zoo — wired in once their libraries land.
#include "commands.hpp"
#include "common.hpp"

namespace weft::cli {

command add_bench(CLI::App& app) {
  app.add_subcommand("bench", "Run the Google Benchmark suites and write their JSON");
  return [] () -> int { throw input_error("weft bench is not available in this build yet"); };
}
command add_gate(CLI::App& app, int, char**) {
  app.add_subcommand("gate", "Run the configured scenarios and benchmarks against the baseline");
  return [] () -> int { throw input_error("weft gate is not available in this build yet"); };
}

}  // namespace weft::cli
