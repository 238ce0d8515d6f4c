// The tabular parts of the HTML report: the filter bar and summary table,
// the finding cards (facts, locations, details, lanes, replay command, full
// trace), and the benchmark bar charts.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "html_parts.hpp"
#include "text.hpp"

namespace weft::reports::html {
namespace {

/// A badge coloured by `kind`, saying `label` (the kind itself when empty:
/// a sub-kind, "misuse/relock", takes its kind's colour).
std::string kind_badge(std::string_view kind, std::string_view label = {}) {
  return fmt::format("<span class=\"kind{}\" data-kind=\"{}\">{}</span>", kind == "clean" ? " clean" : "", attr(kind),
                     esc(label.empty() ? kind : label));
}

std::string verdict_badge(const scenario_report& s) {
  return s.as_expected ? "<span class=\"badge ok\">OK</span>" : "<span class=\"badge bad\">UNEXPECTED</span>";
}

// data-* attributes the filters read; on both the table row and the finding section.
std::string filter_attrs(const scenario_report& s) {
  std::string lowered = s.name;
  std::transform(lowered.begin(), lowered.end(), lowered.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return fmt::format("data-verdict=\"{}\" data-family=\"{}\" data-kinds=\"{}\" data-name=\"{}\"",
                     s.as_expected ? "ok" : "unexpected", attr(s.family), attr(found_kinds(s)), attr(lowered));
}

std::string expected_badges(const scenario_report& s) {
  if (s.expected.empty()) return kind_badge("clean");
  std::string out;
  for (const auto k : s.expected) out += kind_badge(to_string(k));
  return out;
}

std::string options(const std::set<std::string>& values) {
  std::string out;
  for (const auto& v : values) out += fmt::format("<option value=\"{}\">{}</option>", attr(v), esc(v));
  return out;
}

// What the event did, and which older store it read when it is such a load.
std::string event_text(const finding& f, const trace_event& e) {
  std::string s = text::operation_text(e);
  if (const auto read = text::read_from_text(f, e); !read.empty()) s += " (" + read + ")";
  return s;
}

std::string finding_card(const scenario_report& s, const finding& f, std::size_t scenario_index, std::size_t index) {
  std::string out = fmt::format("<article class=\"finding\" id=\"f-{}-{}\" data-kind=\"{}\">\n", scenario_index, index,
                                attr(to_string(f.kind)));
  out += fmt::format("<h4>{}<span class=\"msg\">{}</span></h4>\n", kind_badge(to_string(f.kind), kind_name(f)),
                     esc(f.message));
  out += "<div class=\"facts\">";
  out += fmt::format("<span>engine {}</span>", esc(to_string(f.source)));
  if (!s.strategy.empty()) out += fmt::format("<span>strategy {}</span>", esc(s.strategy));
  out += fmt::format("<span>seed {}</span><span>execution #{}</span>", s.seed, f.iteration);
  if (!f.trace.empty()) out += fmt::format("<span>{} trace events</span>", f.trace.size());
  const std::string_view meaning = f.subkind != finding_subkind::none ? describe(f.subkind) : describe(f.kind);
  out += fmt::format("<span>{}</span></div>\n", esc(meaning));

  out += "<div class=\"cols\">";
  out += "<div class=\"block\"><h5>Where</h5>";
  if (f.locations.empty()) {
    out += "<div class=\"sub\">no source location recorded</div>";
  } else {
    out += "<ul class=\"plain locations\">";
    for (const auto& l : f.locations) out += fmt::format("<li>{}</li>", esc(text::location_text(l)));
    out += "</ul>";
  }
  out += "</div><div class=\"block\"><h5>Details</h5>";
  if (f.details.empty()) {
    out += "<div class=\"sub\">none</div>";
  } else {
    out += "<ul class=\"plain details\">";
    for (const auto& d : f.details) out += fmt::format("<li>{}</li>", esc(d));
    out += "</ul>";
  }
  out += "</div></div>\n";

  if (!f.operations.empty()) {
    out += "<div class=\"block\"><h5>History</h5></div>";
    out += "<div class=\"lanes-wrap\">" + history_svg(f) + "</div>\n";
    out += "<div class=\"legend\"><span><i class=\"placed\"></i>in the longest linearizable prefix, numbered in "
           "its order</span><span><i class=\"stuck\"></i>cannot be placed after it (dashed: its response)</span>"
           "<span><i class=\"unplaced\"></i>not reached</span></div>\n";
  }
  if (!f.trace.empty()) {
    const std::set<std::uint64_t> highlighted(f.highlight_steps.begin(), f.highlight_steps.end());
    out += "<div class=\"block\"><h5>Interleaving</h5></div>";
    out += "<div class=\"lanes-wrap\">" + lanes_svg(f) + "</div>\n";
    out += "<div class=\"legend\"><span><i class=\"sync\"></i>lock</span><span><i class=\"mem\"></i>memory access</span>"
           "<span><i class=\"wait\"></i>wait / notify</span><span><i class=\"thread\"></i>thread</span>"
           "<span><i class=\"other\"></i>other</span><span><i class=\"hl\"></i>the steps this finding is about</span>";
    if (std::any_of(f.trace.begin(), f.trace.end(), text::read_an_older_store)) {
      out += "<span><i class=\"rf\"></i>a load that read an older store (the arrow comes from that store)</span>";
    }
    out += "</div>\n";
    if (!highlighted.empty()) {
      out += "<div class=\"block\"><h5>Key steps</h5><ul class=\"plain keysteps\">";
      for (const auto& e : f.trace) {
        if (!highlighted.contains(e.step)) continue;
        const auto where = text::location_text(e.location);
        out += fmt::format("<li>step {} · thread {} · {}{}</li>", e.step, e.thread, esc(event_text(f, e)),
                           where.empty() ? "" : " · " + esc(where));
      }
      out += "</ul></div>\n";
    }
  }

  const auto replay = replay_command(s, f);
  if (replay.empty()) {
    out += fmt::format("<div class=\"noreplay\">No replayable schedule: found by the {} engine.</div>\n", esc(to_string(f.source)));
  } else {
    out += fmt::format("<div class=\"replay\"><code>{}</code><button class=\"copy\" type=\"button\">copy</button></div>\n",
                       esc(replay));
    // The interleaving above is the shrunk schedule's; the one exploration found stays replayable.
    out += fmt::format("<div class=\"shrink\">This schedule {}.</div>\n", esc(shrink_line(s, f)));
  }

  if (!f.trace.empty()) {
    const std::set<std::uint64_t> highlighted(f.highlight_steps.begin(), f.highlight_steps.end());
    out += fmt::format("<details><summary>Full trace ({} events)</summary><table class=\"trace\">"
                       "<tr><th>step</th><th>thread</th><th>operation</th><th>object</th><th>value</th><th>where</th></tr>",
                       f.trace.size());
    for (const auto& e : f.trace) {
      const auto read = text::read_from_text(f, e);
      out += fmt::format("<tr{}><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}{}</td><td>{}</td></tr>",
                         highlighted.contains(e.step) ? " class=\"hl\"" : "", e.step, e.thread, esc(e.operation),
                         esc(e.object), esc(e.value),
                         read.empty() ? "" : fmt::format(" <span class=\"rf\">({})</span>", esc(read)),
                         esc(text::location_text(e.location)));
    }
    out += "</table></details>\n";
  }
  if (!f.history.empty()) {
    out += fmt::format("<details><summary>Engine history</summary><pre class=\"history\">{}</pre></details>\n",
                       esc(f.history));
  }
  out += "</article>\n";
  return out;
}

}  // namespace

std::string found_kinds(const scenario_report& s) {
  std::set<std::string> kinds;
  for (const auto& f : s.outcome.findings) kinds.insert(std::string(to_string(f.kind)));
  if (kinds.empty()) return "clean";
  std::string out;
  for (const auto& k : kinds) out += (out.empty() ? "" : " ") + k;
  return out;
}

std::string summary_table(const run_report& r) {
  std::set<std::string> families, kinds{"clean"};
  for (const auto& s : r.scenarios) {
    families.insert(s.family);
    for (const auto& f : s.outcome.findings) kinds.insert(std::string(to_string(f.kind)));
  }
  std::string out = "<div class=\"filters\">";
  out += "<label>Verdict<select id=\"f-verdict\"><option value=\"\">all</option>"
         "<option value=\"ok\">as expected</option><option value=\"unexpected\">unexpected</option></select></label>";
  out += fmt::format("<label>Family<select id=\"f-family\"><option value=\"\">all</option>{}</select></label>",
                     options(families));
  out += fmt::format("<label>Found<select id=\"f-kind\"><option value=\"\">any</option>{}</select></label>",
                     options(kinds));
  out += "<label>Name<input id=\"f-text\" type=\"search\" placeholder=\"filter\"></label>";
  out += "<span class=\"count\" id=\"f-count\"></span></div>\n";
  out += "<table class=\"summary\" id=\"summary\"><thead><tr><th>Verdict</th><th>Scenario</th><th>Expected</th>"
         "<th>Found</th><th>Engine</th><th class=\"num\">Executions</th><th class=\"num\">Exec/s</th>"
         "<th class=\"num\">Time</th></tr></thead><tbody>\n";
  for (std::size_t i = 0; i < r.scenarios.size(); ++i) {
    const auto& s = r.scenarios[i];
    const auto& st = s.outcome.stats;
    std::string found;
    if (s.outcome.findings.empty()) {
      found = kind_badge("clean");
    } else {
      std::set<std::string> seen;
      for (const auto& f : s.outcome.findings) {
        if (seen.insert(std::string(to_string(f.kind))).second) found += kind_badge(to_string(f.kind));
      }
      found += fmt::format(" <a href=\"#s-{}\">details</a>", i);
    }
    if (!s.outcome.suppressed.empty()) {
      found += fmt::format("<div class=\"sub\">{} suppressed</div>", s.outcome.suppressed.size());
    }
    const std::string name = s.outcome.findings.empty()
                                 ? fmt::format("<span class=\"name\">{}</span>", esc(s.name))
                                 : fmt::format("<a class=\"name\" href=\"#s-{}\">{}</a>", i, esc(s.name));
    out += fmt::format(
        "<tr class=\"row{}\" {}><td>{}</td><td>{}<div class=\"sub\">{}</div></td><td>{}</td><td>{}</td>"
        "<td class=\"engine\">{}{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
        s.as_expected ? "" : " unexpected", filter_attrs(s), verdict_badge(s), name, esc(s.summary),
        expected_badges(s), found, esc(s.engine), s.strategy.empty() ? "" : " / " + esc(s.strategy),
        text::grouped(st.executions), text::si(st.executions_per_second()), text::duration(st.seconds));
  }
  if (r.scenarios.empty()) out += "<tr><td colspan=\"8\" class=\"empty\">No scenarios ran.</td></tr>\n";
  out += "</tbody></table>\n";
  return out;
}

std::string findings_sections(const run_report& r) {
  std::string out;
  for (std::size_t i = 0; i < r.scenarios.size(); ++i) {
    const auto& s = r.scenarios[i];
    if (s.outcome.findings.empty() && s.as_expected) continue;
    out += fmt::format("<section class=\"scenario\" id=\"s-{}\" {}>\n<h3>{}<span class=\"name\">{}</span>"
                       "<span class=\"exp\">expected {}</span></h3>\n",
                       i, filter_attrs(s), verdict_badge(s), esc(s.name), esc(expected_text(s)));
    if (s.outcome.findings.empty()) {
      out += fmt::format("<div class=\"empty\">Expected {} but no execution showed it ({} executions, {}).</div>\n",
                         esc(expected_text(s)), text::grouped(s.outcome.stats.executions),
                         text::duration(s.outcome.stats.seconds));
    }
    for (std::size_t k = 0; k < s.outcome.findings.size(); ++k) out += finding_card(s, s.outcome.findings[k], i, k);
    out += "</section>\n";
  }
  if (out.empty()) out = "<div class=\"empty\">No findings.</div>\n";
  return out;
}

std::string benchmark_section(const run_report& r) {
  if (r.benchmarks.empty()) return {};
  constexpr int bar_width = 300, bar_height = 14, chart_height = 2 * bar_height + 8;
  std::string out = "<h2 id=\"benchmarks\">Benchmarks</h2>\n<div class=\"bench\"><table><thead><tr><th>Benchmark</th>"
                    "<th>Current vs baseline</th><th class=\"num\">Current</th><th class=\"num\">Baseline</th>"
                    "<th class=\"num\">Change</th><th>Status</th></tr></thead><tbody>\n";
  for (const auto& b : r.benchmarks) {
    const double top = std::max({b.value, b.baseline.value_or(0.0), 1e-300});
    const auto length = [&](double v) {
      return std::isfinite(v) && v > 0 ? std::max(1, static_cast<int>(std::lround(v / top * bar_width))) : 0;
    };
    std::string svg = fmt::format(
        "<svg class=\"bars\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\" role=\"img\"><title>{}</title>"
        "<rect class=\"cur{}\" x=\"0\" y=\"2\" width=\"{}\" height=\"{}\" rx=\"2\"/>"
        "<text x=\"{}\" y=\"{}\">now</text>",
        bar_width + 40, chart_height, bar_width + 40, chart_height, attr(b.name), b.regressed ? " regressed" : "",
        length(b.value), bar_height, length(b.value) + 4, 2 + bar_height / 2);
    if (b.baseline) {
      svg += fmt::format("<rect class=\"base\" x=\"0\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"2\"/>"
                         "<text x=\"{}\" y=\"{}\">base</text>",
                         4 + bar_height, length(*b.baseline), bar_height, length(*b.baseline) + 4,
                         4 + bar_height + bar_height / 2);
    }
    svg += "</svg>";
    std::string change = "-";
    if (b.baseline && *b.baseline != 0) change = fmt::format("{:+.1f}%", (b.value / *b.baseline - 1) * 100);
    std::string status = b.regressed ? "<span class=\"badge bad\">regressed</span>"
                                     : (b.baseline ? "<span class=\"badge ok\">ok</span>" : "<span class=\"sub\">no baseline</span>");
    if (b.tolerance) status += fmt::format(" <span class=\"sub\">±{:.0f}%</span>", *b.tolerance * 100);
    out += fmt::format("<tr class=\"bench-row\"><td class=\"bname\">{}</td><td>{}</td><td class=\"num\">{} {}</td>"
                       "<td class=\"num\">{}</td><td class=\"num{}\">{}</td><td class=\"status\">{}</td></tr>\n",
                       esc(b.name), svg, esc(text::si(b.value)), esc(b.unit),
                       b.baseline ? esc(text::si(*b.baseline)) + " " + esc(b.unit) : "-",
                       b.regressed ? " worse" : "", change, status);
  }
  out += "</tbody></table></div>\n";
  return out;
}

}  // namespace weft::reports::html
