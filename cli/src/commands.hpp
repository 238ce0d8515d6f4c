// commands.hpp — one function per `weft` subcommand: each adds its
// subcommand and flags to the app and returns what to run when it is chosen.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>

namespace weft::cli {

using command = std::function<int()>;

command add_list(CLI::App& app);
command add_run(CLI::App& app, int argc, char** argv);
command add_replay(CLI::App& app, int argc, char** argv);
command add_exec(CLI::App& app, int argc, char** argv);
command add_stress(CLI::App& app, int argc, char** argv);
command add_relacy(CLI::App& app, int argc, char** argv);
command add_report(CLI::App& app, int argc, char** argv);
command add_bench(CLI::App& app);
command add_gate(CLI::App& app, int argc, char** argv);
command add_zoo(CLI::App& app);

/// The whole command line; what weft::main's main() calls.
int run_command_line(int argc, char** argv);

}  // namespace weft::cli
