// html_parts.hpp (private) — the pieces of the HTML report: the page
// skeleton with its inline CSS and JS (html_page.cpp), the SVG thread lanes
// of one finding (html_lanes.cpp), the timeline of a linearizability
// finding's history (html_history.cpp), and the summary table, finding cards and
// benchmark charts (html_tables.cpp). Every piece escapes what it prints.
#pragma once

#include <string>
#include <string_view>

#include "weft/reports/run_report.hpp"

namespace weft::reports::html {

/// Escaped for HTML text content (newlines kept).
std::string esc(std::string_view s);
/// Escaped for a double-quoted HTML attribute value.
std::string attr(std::string_view s);

/// The <style> and <script> blocks of the page.
std::string_view style();
std::string_view script();

/// The interleaving of `f` as an <svg> with one lane per thread; the steps
/// in f.highlight_steps highlighted. Empty when the finding has no trace.
std::string lanes_svg(const finding& f);

/// The history of a linearizability finding (f.operations) as an <svg> with
/// one row per thread and a bar per operation, the one that cannot be placed
/// highlighted. Empty when the finding has no structured history.
std::string history_svg(const finding& f);

/// The filter bar and the table with a row per scenario.
std::string summary_table(const run_report& r);
/// A <section> per scenario with findings, an <article> per finding.
std::string findings_sections(const run_report& r);
/// Bar charts of each benchmark against its baseline (empty without benchmarks).
std::string benchmark_section(const run_report& r);

/// The space-separated kinds found in `s` ("clean" when none), for filters.
std::string found_kinds(const scenario_report& s);

}  // namespace weft::reports::html
