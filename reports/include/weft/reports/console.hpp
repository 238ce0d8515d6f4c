// weft/reports/console.hpp — the console reporter: a line per scenario
// (verdict, executions, executions/s), each finding with its kind, message,
// location, a few trace events around the steps it is about and the exact
// replay command, a closing summary, and a live progress line on terminals.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string_view>

#include "weft/reports/reporter.hpp"

namespace weft::reports {

/// --color: `automatic` colours a terminal unless NO_COLOR is set (and not
/// empty, no-color.org) or TERM is dumb; `always` and `never` are what the
/// user asked for, NO_COLOR notwithstanding.
enum class color_choice : std::uint8_t { automatic, always, never };
/// "auto", "always" or "never"; nullopt for anything else.
std::optional<color_choice> color_choice_from_string(std::string_view text);
/// Whether to colour, given the choice, whether the stream is a terminal,
/// and the values of NO_COLOR and TERM (nullptr when unset).
bool colors_wanted(color_choice choice, bool tty, const char* no_color, const char* term);

struct console_options {
  bool quiet = false;  // only unexpected verdicts and the summary; no progress line
  bool tty = false;    // the stream is a terminal: the progress line
  bool color = false;  // ANSI colours
  std::size_t trace_context = 3;  // trace events shown before/after a highlighted step

  /// Options for std::cout: tty from isatty(1), colour by colors_wanted.
  static console_options for_stdout(bool quiet, color_choice color = color_choice::automatic);
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
