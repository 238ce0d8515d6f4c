#include "weft/reports/console.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <ostream>
#include <set>

#include "text.hpp"

namespace weft::reports {
namespace {

constexpr std::string_view red = "\x1b[31;1m", green = "\x1b[32m", yellow = "\x1b[33m", dim = "\x1b[2m",
                           bold = "\x1b[1m", reset = "\x1b[0m";

std::string event_line(const trace_event& e) { return fmt::format("t{} {}", e.thread, text::operation_text(e)); }

// Indices of the trace events to show: `context` around each highlighted step
// (or the last events when none is highlighted), and each load that read an
// older store with the store it read, in trace order.
std::vector<std::size_t> excerpt(const finding& f, std::size_t context) {
  std::set<std::size_t> keep;
  const std::set<std::uint64_t> highlighted(f.highlight_steps.begin(), f.highlight_steps.end());
  for (std::size_t i = 0; i < f.trace.size(); ++i) {
    if (!highlighted.contains(f.trace[i].step)) continue;
    const std::size_t from = i >= context ? i - context : 0;
    for (std::size_t k = from; k <= std::min(f.trace.size() - 1, i + context); ++k) keep.insert(k);
  }
  if (keep.empty()) {
    const std::size_t n = std::min(f.trace.size(), 2 * context + 1);
    for (std::size_t k = f.trace.size() - n; k < f.trace.size(); ++k) keep.insert(k);
  }
  for (std::size_t i = 0; i < f.trace.size(); ++i) {
    if (!text::read_an_older_store(f.trace[i])) continue;
    keep.insert(i);
    if (const auto* store = text::event_at(f, f.trace[i].read_from)) keep.insert(static_cast<std::size_t>(store - f.trace.data()));
  }
  return {keep.begin(), keep.end()};
}

}  // namespace

std::optional<color_choice> color_choice_from_string(std::string_view text) {
  if (text == "auto") return color_choice::automatic;
  if (text == "always") return color_choice::always;
  if (text == "never") return color_choice::never;
  return std::nullopt;
}

bool colors_wanted(color_choice choice, bool tty, const char* no_color, const char* term) {
  if (choice != color_choice::automatic) return choice == color_choice::always;
  return tty && (no_color == nullptr || *no_color == '\0') && !(term != nullptr && std::string_view(term) == "dumb");
}

console_options console_options::for_stdout(bool quiet, color_choice color) {
  console_options o;
  o.quiet = quiet;
  o.tty = ::isatty(STDOUT_FILENO) == 1;
  o.color = colors_wanted(color, o.tty, std::getenv("NO_COLOR"), std::getenv("TERM"));
  return o;
}

console_reporter::console_reporter(std::ostream& out, console_options options)
    : out_(out), options_(options) {}

std::string console_reporter::paint(std::string_view s, std::string_view ansi) const {
  if (!options_.color) return std::string(s);
  return fmt::format("{}{}{}", ansi, s, reset);
}

void console_reporter::clear_progress() {
  if (!progress_shown_) return;
  out_ << "\r\x1b[2K";
  progress_shown_ = false;
}

void console_reporter::begin(const run_report& h) {
  if (options_.quiet) return;
  std::string line = fmt::format("weft {}", h.weft_version.empty() ? "" : h.weft_version);
  if (!h.command.empty()) line += fmt::format(" · {}", text::printable(h.command));
  if (!h.shard.empty()) {
    line += fmt::format(" · shard {}{}", h.shard, h.shard_source.empty() ? "" : " from " + h.shard_source);
  }
  if (!h.host.empty()) line += fmt::format(" · {}", h.host);
  if (!h.started_at.empty()) line += fmt::format(" · {}", h.started_at);
  out_ << paint(line, dim) << '\n';
}

void console_reporter::scenario(const scenario_report& s) {
  clear_progress();
  show_current_ = !(options_.quiet && s.as_expected);
  if (!show_current_) return;
  const auto& st = s.outcome.stats;
  const std::string verdict = s.as_expected ? paint("OK        ", green) : paint("UNEXPECTED", red);
  std::string found = "clean";
  if (!s.outcome.findings.empty()) {
    found.clear();
    std::set<finding_kind> seen;
    for (const auto& f : s.outcome.findings) {
      if (seen.insert(f.kind).second) found += (found.empty() ? "" : ",") + std::string(to_string(f.kind));
    }
  }
  std::string engine = s.engine + (s.strategy.empty() ? "" : "/" + s.strategy);
  // A systematic search says how far it got: the whole space, or the bounds
  // done; or that it cannot say, the code under test not being deterministic.
  if (st.diverged > 0) {
    engine += fmt::format(" (nondeterministic: {} executions left their replayed schedule, no exhaustive claim)",
                          text::grouped(st.diverged));
  } else if (st.exhausted) {
    engine += " (space exhausted)";
  } else if (st.completed_bound >= 0) {
    engine += fmt::format(" (bounds 0..{} exhausted)", st.completed_bound);
  }
  const std::size_t suppressed = s.outcome.suppressed.size();
  out_ << fmt::format("{} {:<36} expected {:<22} found {:<22} {:>12} exec {:>8} exec/s {:>9}  {}{}\n", verdict,
                      text::printable(s.name), expected_text(s), found, text::grouped(st.executions),
                      text::si(st.executions_per_second()), text::duration(st.seconds), engine,
                      suppressed > 0 ? fmt::format("  {} suppressed", suppressed) : std::string());
  // Where the code went another way under the same schedule: the place to
  // look for what the schedule does not decide (a clock, an address, a cache).
  if (st.diverged > 0 && !st.first_divergence.empty()) {
    out_ << "    "
         << paint(fmt::format("first left its replayed schedule in execution {}: {}", st.first_divergence_execution,
                              text::printable(st.first_divergence)),
                  dim)
         << '\n';
  }
}

void console_reporter::finding(const scenario_report& s, const weft::finding& f, std::size_t index) {
  if (!show_current_) return;
  const std::string indent = "    ";
  out_ << fmt::format("  {} {}: {}\n", paint(fmt::format("#{}", index + 1), bold),
                      paint(kind_name(f), s.as_expected ? yellow : red), text::printable(f.message));
  for (const auto& l : f.locations) {
    const std::string where = text::location_text(l);
    if (!where.empty()) out_ << indent << "at " << text::printable(where) << '\n';  // none known: no bare "at"
  }
  for (const auto& d : f.details) out_ << indent << text::printable(d) << '\n';
  if (!f.trace.empty()) {
    const std::set<std::uint64_t> highlighted(f.highlight_steps.begin(), f.highlight_steps.end());
    out_ << indent << paint(fmt::format("trace ({} events, around the highlighted steps):", f.trace.size()), dim) << '\n';
    std::size_t previous = 0;
    bool first = true;
    for (const std::size_t i : excerpt(f, options_.trace_context)) {
      if (!first && i != previous + 1) out_ << indent << "  ...\n";
      if (first && i != 0) out_ << indent << "  ...\n";
      first = false;
      previous = i;
      const auto& e = f.trace[i];
      const bool hl = highlighted.contains(e.step);
      const std::string where = e.location.file.empty()
                                    ? std::string()
                                    : fmt::format("{}:{}", text::base_name(e.location.file), e.location.line);
      std::string line = fmt::format("{} {:>5}  {:<40} {}", hl ? ">" : " ", e.step,
                                     text::printable(event_line(e)), text::printable(where));
      if (const auto read = text::read_from_text(f, e); !read.empty()) line += fmt::format("  ({})", read);
      out_ << indent << (hl ? paint(line, bold) : line) << '\n';
    }
  }
  const std::string replay = replay_command(s, f);
  if (replay.empty()) {
    out_ << indent << paint(fmt::format("no schedule (found by the {} engine)", to_string(f.source)), dim) << '\n';
  } else {
    out_ << indent << "replay: " << paint(text::printable(replay), bold) << '\n';
    out_ << indent << paint(text::printable(shrink_line(s, f)), dim) << '\n';
  }
}

void console_reporter::finalize(const run_report& r) {
  clear_progress();
  const auto t = totals(r);
  for (const auto& b : r.benchmarks) {
    if (options_.quiet && !b.regressed) continue;
    std::string line = fmt::format("{:<10} {:<40} {:>12} {}", b.regressed ? paint("REGRESSED ", red) : paint("bench     ", green),
                                   text::printable(b.name), text::si(b.value), b.unit);
    if (b.baseline) line += fmt::format("  (baseline {}{})", text::si(*b.baseline),
                                        b.tolerance ? fmt::format(", tolerance {:.0f}%", *b.tolerance * 100) : "");
    out_ << line << '\n';
  }
  std::string summary = fmt::format("{} scenarios, {} as expected, {} unexpected; {} findings; {} executions in {}",
                                    t.scenarios, t.scenarios - t.unexpected, t.unexpected, t.findings,
                                    text::grouped(t.executions), text::duration(r.seconds));
  if (t.suppressed > 0) summary += fmt::format("; {} suppressed", t.suppressed);
  if (!r.benchmarks.empty()) summary += fmt::format("; {} benchmarks, {} regressed", r.benchmarks.size(), t.regressed);
  out_ << (r.all_as_expected() ? paint("PASS ", green) : paint("FAIL ", red)) << summary << '\n';
  if (t.unexpected > 0) {
    std::string names;
    for (const auto& s : r.scenarios) {
      if (!s.as_expected) names += (names.empty() ? "" : ", ") + text::printable(s.name);
    }
    out_ << "unexpected: " << names << '\n';
  }
  out_.flush();
}

void console_reporter::progress(std::size_t done, std::size_t total, double executions_per_second,
                                double seconds_left) {
  if (!options_.tty || options_.quiet) return;
  constexpr int width = 24;
  const double fraction = total == 0 ? 0.0 : std::min(1.0, double(done) / double(total));
  const int filled = static_cast<int>(fraction * width);
  std::string bar(static_cast<std::size_t>(filled), '=');
  if (filled < width) bar += '>';
  bar.resize(width, ' ');
  out_ << fmt::format("\r\x1b[2K[{}] {}/{}  {} exec/s  ETA {}", bar, done, total, text::si(executions_per_second),
                      seconds_left > 0 ? text::duration(seconds_left) : std::string("-"));
  out_.flush();
  progress_shown_ = true;
}

}  // namespace weft::reports
