// The history of a linearizability finding drawn as SVG: one row per thread,
// each operation a bar from its invocation to its response labelled with
// its call and result; the operations of the longest linearizable prefix
// numbered in their linearization order, the one that cannot be placed in
// red with a dashed line at its response (it had to take effect by then).
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "html_parts.hpp"

namespace weft::reports::html {
namespace {

constexpr int name_column_width = 64, time_axis_height = 22, row_height = 34, lane_bar_height = 22, right_margin = 16;
constexpr double char_width = 6.7;             // the bars' 11px monospace font
constexpr int min_slot = 30, max_slot = 130;   // width of one event column, in px

std::string thread_name(std::uint32_t thread) { return thread == 0 ? "main" : fmt::format("t{}", thread); }

std::string label(const history_operation& o) { return o.call + " → " + o.result; }

// Characters of `s` (UTF-8), for fitting a label into its bar.
std::size_t glyphs(const std::string& s) {
  return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// `s` cut to `n` characters with an ellipsis (the tooltip keeps the whole).
std::string fit(const std::string& s, std::size_t n) {
  if (glyphs(s) <= n) return s;
  if (n <= 1) return n == 1 ? "…" : "";
  std::string out;
  std::size_t kept = 0;
  for (char c : s) {
    if ((c & 0xC0) != 0x80 && kept++ == n - 1) break;
    out += c;
  }
  return out + "…";
}

std::string tooltip(const history_operation& o) {
  std::string t = fmt::format("{}: {} -> {}   [{}, {}]", thread_name(o.thread), o.call, o.result, o.invoked, o.returned);
  if (o.placed >= 0) t += fmt::format("\nplaced #{} in the longest linearizable prefix", o.placed + 1);
  if (o.stuck) t += "\ncannot be placed after that prefix";
  return t;
}

}  // namespace

std::string history_svg(const finding& f) {
  if (f.operations.empty()) return {};
  // Time is drawn by rank: every distinct invocation/response time is one
  // column, so long pauses on the clock do not stretch the picture.
  std::set<std::uint64_t> times;
  std::map<std::uint32_t, int> row_of;  // thread -> row, main first
  for (const auto& o : f.operations) {
    times.insert(o.invoked);
    times.insert(o.returned);
    row_of.emplace(o.thread, 0);
  }
  int rows = 0;
  for (auto& entry : row_of) entry.second = rows++;
  const std::vector<std::uint64_t> ordered(times.begin(), times.end());
  const auto rank = [&](std::uint64_t t) {
    return static_cast<int>(std::lower_bound(ordered.begin(), ordered.end(), t) - ordered.begin());
  };
  // A column wide enough for most labels to fit in their bars.
  int slot = min_slot;
  for (const auto& o : f.operations) {
    const int span = std::max(1, rank(o.returned) - rank(o.invoked));
    const int needed = static_cast<int>(static_cast<double>(glyphs(label(o))) * char_width) + 16;
    slot = std::max(slot, std::min(max_slot, (needed + span - 1) / span));
  }
  const int columns = static_cast<int>(ordered.size());
  const int width = name_column_width + columns * slot + right_margin;
  const int height = time_axis_height + rows * row_height + 4;
  const auto x_of = [&](std::uint64_t t) { return name_column_width + rank(t) * slot + slot / 2; };

  std::string out = fmt::format(
      "<svg class=\"history\" role=\"img\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\" data-threads=\"{}\" "
      "data-operations=\"{}\"><title>{}</title>\n",
      width, height, width, height, rows, f.operations.size(),
      attr(fmt::format("history of {} operations on {} threads", f.operations.size(), rows)));
  for (const auto& [thread, row] : row_of) {
    const int top = time_axis_height + row * row_height;
    out += fmt::format(
        "<g class=\"hrow\" data-thread=\"{}\"><rect class=\"row-bg{}\" x=\"0\" y=\"{}\" width=\"{}\" height=\"{}\"/>"
        "<text class=\"row-label\" x=\"10\" y=\"{}\" dominant-baseline=\"central\">{}</text></g>\n",
        thread, row % 2 ? " alt" : "", top, width, row_height, top + row_height / 2, thread_name(thread));
  }
  for (const std::uint64_t t : ordered) {
    out += fmt::format("<text class=\"axis\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>", x_of(t),
                       time_axis_height - 8, t);
  }
  out += fmt::format("<text class=\"axis\" x=\"10\" y=\"{}\">clock</text>\n", time_axis_height - 8);
  for (const auto& o : f.operations) {
    const int top = time_axis_height + row_of[o.thread] * row_height + (row_height - lane_bar_height) / 2;
    const int x1 = name_column_width + rank(o.invoked) * slot + 2,
              x2 = name_column_width + (rank(o.returned) + 1) * slot - 2;
    const int number_room = o.placed >= 0 ? 18 : 0;
    const auto fits = static_cast<std::size_t>(std::max(0.0, (x2 - x1 - 10 - number_room) / char_width));
    const std::string state = o.stuck ? " stuck" : (o.placed >= 0 ? " placed" : "");
    out += fmt::format(
        "<g class=\"op{}\" data-thread=\"{}\"><title>{}</title><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" "
        "rx=\"5\"/>",
        state, o.thread, esc(tooltip(o)), x1, top, x2 - x1, lane_bar_height);
    if (o.placed >= 0) {
      out += fmt::format("<circle cx=\"{}\" cy=\"{}\" r=\"8\"/><text class=\"order\" x=\"{}\" y=\"{}\">{}</text>",
                         x1 + 11, top + lane_bar_height / 2, x1 + 11, top + lane_bar_height / 2, o.placed + 1);
    }
    out += fmt::format("<text class=\"call\" x=\"{}\" y=\"{}\">{}</text></g>\n", x1 + 5 + number_room,
                       top + lane_bar_height / 2, esc(fit(label(o), fits)));
    if (o.stuck) {  // it had responded, so it had to be linearized by here
      out += fmt::format("<line class=\"deadline\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>\n", x2, time_axis_height,
                         x2, height - 2);
    }
  }
  out += "</svg>";
  return out;
}

}  // namespace weft::reports::html
