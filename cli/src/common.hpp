// common.hpp — what the `weft` subcommands share: exit statuses, the error
// that means "bad input" (exit 2), report flags, sharding, and turning
// scenario runs into the report model.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <map>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "shard.hpp"
#include "weft/registry.hpp"
#include "weft/reports/files.hpp"
#include "weft/reports/run_report.hpp"

namespace weft::cli {

enum exit_status : int { as_expected = 0, unexpected = 1, usage = 2, internal = 3 };

/// Bad input from the user: a one-line message, exit status 2.
struct input_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// The report file flags of a subcommand (--json, --junit, ...: one per
/// reports::report_formats() entry) and --quiet.
struct report_flags {
  std::map<std::string, std::string> files;  // format name -> FILE ("": not requested)
  bool quiet = false;
  std::string color = "auto";  // --color=auto|always|never (weft/reports/console.hpp)
  reports::report_paths paths() const;
};
void add_report_flags(CLI::App& cmd, report_flags& flags);

/// The scenarios matching `patterns`; an input_error naming the first
/// pattern that matches nothing.
std::vector<const scenario*> select_scenarios(const std::vector<std::string>& patterns);

/// How the user starts this program again, for the replay commands it
/// prints: "weft" for the weft tool itself, and for a program linked with
/// weft::main the path it was started by (so `./build/my_checks replay …`
/// runs as printed). Set once from argv[0] by run_command_line.
void set_program_name(const char* argv0);
const std::string& program_name();

/// " --program TOKEN" (shell-quoted) for a replay command of a finding in a
/// generated program (weft/prop.hpp); "" for an empty token.
std::string program_flag(const std::string& token);

/// A report header: version, command line, start time, host.
reports::run_report make_header(int argc, char** argv);
reports::scenario_report make_scenario_report(const scenario& s, std::string engine, result r);

/// One run as the user sees it: the console reporter streams each scenario
/// as it finishes (with a progress line on terminals); finish() writes the
/// report files and returns the exit status.
class session {
 public:
  session(reports::run_report header, const report_flags& flags);
  ~session();
  void progress(std::size_t done, std::size_t total, double executions_per_second, double seconds_left);
  void add(reports::scenario_report s);
  int finish(double seconds);
  reports::run_report& report() { return report_; }

 private:
  reports::run_report report_;
  report_flags flags_;
  struct console;
  std::unique_ptr<console> console_;
};

std::string weft_version();

}  // namespace weft::cli
