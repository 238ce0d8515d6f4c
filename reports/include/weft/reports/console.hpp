// weft/reports/console.hpp — the console reporter: a line per scenario
// (verdict, executions, executions/s), each finding with its kind, message,
// location, a few trace events around the steps it is about and the exact
// replay command, a closing summary, and a live progress line on terminals.
#pragma once

#include <cstdint>
#include <iosfwd>

#include "weft/reports/reporter.hpp"

namespace weft::reports {

struct console_options {
  bool quiet = false;  // only unexpected verdicts and the summary; no progress line
  bool tty = false;    // the stream is a terminal: colours and the progress line
  bool color = false;  // ANSI colours (only honoured when tty)
  std::size_t trace_context = 3;  // trace events shown before/after a highlighted step

  /// Options for std::cout: tty and colour from isatty(1) and $NO_COLOR.
  static console_options for_stdout(bool quiet);
};

class console_reporter : public reporter {
 public:
  explicit console_reporter(std::ostream& out, console_options options = {});
  void begin(const run_report& header) override;
  void scenario(const scenario_report& s) override;
  void finding(const scenario_report& s, const weft::finding& f, std::size_t index) override;
  void finalize(const run_report& complete) override;

  /// Redraws the progress line ("[====>   ] 12/40  1.2M exec/s  ETA 8s").
  /// Does nothing unless the stream is a terminal and not quiet; the next
  /// scenario line erases it.
  void progress(std::size_t done, std::size_t total, double executions_per_second,
                double seconds_left);

 private:
  void clear_progress();
  std::string paint(std::string_view text, std::string_view ansi) const;

  std::ostream& out_;
  console_options options_;
  bool progress_shown_ = false;
  bool show_current_ = true;  // the scenario being reported is printed (not hidden by quiet)
};

}  // namespace weft::reports
