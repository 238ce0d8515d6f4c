// The interleaving of one finding drawn as SVG: one horizontal lane per
// thread, one column per trace event in execution order, the steps the
// finding is about highlighted (a band across all lanes, a red outline, and
// a dashed line joining them in order: the racing pair, the wait-for cycle),
// and an arrow from a store to each load that read it while newer stores to
// the same object existed (the C++ memory model).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "html_parts.hpp"
#include "text.hpp"

namespace weft::reports::html {
namespace {

constexpr std::size_t max_columns = 160;  // wider traces show a window around the highlights
constexpr std::size_t roomy_columns = 36;  // up to this many events get big boxes with object labels
constexpr int label_width = 92, axis_height = 26, pad_right = 16;

// Sizes of one drawing: short traces get room for the object under each box.
struct geometry {
  int column, box, lane_height;
  bool labels;
  static geometry for_columns(std::size_t n) {
    return n <= roomy_columns ? geometry{58, 26, 50, true} : geometry{26, 20, 34, false};
  }
};

// The lane label of an object: its name without the parenthesised rest
// ("accounts.lock (mutex#2)" -> "accounts.lock", "mutex#12 (bank.hpp:30)" ->
// "mutex#12"); long names keep their tail, which tells objects apart.
std::string short_object(const std::string& object) {
  const std::string name = object.substr(0, object.find(" ("));
  return name.size() <= 9 ? name : "…" + name.substr(name.size() - 8);
}

// Colour family of an operation name.
std::string_view category(std::string_view op) {
  const auto has = [&](std::string_view part) { return op.find(part) != std::string_view::npos; };
  if (has("lock")) return "sync";
  if (has("wait") || has("notify") || has("acquire") || has("release") || has("sleep") || has("signal")) return "wait";
  if (has("load") || has("store") || has("read") || has("write") || has("fetch") || has("exchange") ||
      has("compare") || has("cas") || has("rmw") || has("fence")) return "mem";
  if (has("spawn") || has("join") || has("start") || has("finish") || has("exit") || has("yield") || has("detach")) return "thread";
  return "other";
}

// A two-character glyph for the box.
std::string glyph(std::string_view op) {
  static const std::map<std::string_view, std::string_view> known = {
      {"lock", "L"},          {"unlock", "U"},        {"try_lock", "TL"},   {"lock_shared", "LS"},
      {"unlock_shared", "US"}, {"load", "R"},          {"read", "R"},        {"store", "W"},
      {"write", "W"},         {"wait", "Wt"},         {"notify_one", "N1"}, {"notify_all", "N*"},
      {"acquire", "A"},       {"release", "Rl"},      {"spawn", "S"},       {"join", "J"},
      {"yield", "Y"},         {"sleep", "Z"},         {"fetch_add", "+"},   {"fetch_sub", "-"},
      {"exchange", "X"},      {"compare_exchange", "CX"}, {"finish", "F"},  {"start", "B"},
      {"atomic_load", "R"},   {"atomic_store", "W"},  {"atomic_rmw", "RW"}, {"atomic_fence", "Fn"}};
  if (const auto it = known.find(op); it != known.end()) return std::string(it->second);
  std::string g;
  for (const char ch : op) {
    if (g.size() == 2) break;
    if (std::isalnum(static_cast<unsigned char>(ch))) g += static_cast<char>(g.empty() ? std::toupper(static_cast<unsigned char>(ch)) : ch);
  }
  return g.empty() ? "?" : g;
}

std::string tooltip(const finding& f, const trace_event& e) {
  std::string t = fmt::format("step {} · thread {} · {}", e.step, e.thread, text::operation_text(e));
  const auto where = text::location_text(e.location);
  if (!where.empty()) t += "\n" + where;
  if (const auto read = text::read_from_text(f, e); !read.empty()) t += "\n" + read;
  return t;
}

// A curved arrow from the top of the box at (x1, y1) to the top of the box
// at (x2, y2), bowing above both, with its head drawn (no marker: no ids,
// which several drawings on one page would share).
std::string arrow(double x1, double y1, double x2, double y2, int box, std::string_view title) {
  const double from_y = y1 - box / 2.0, to_y = y2 - box / 2.0 - 1;
  const double cx = (x1 + x2) / 2, cy = std::min(from_y, to_y) - box;
  double ux = x2 - cx, uy = to_y - cy;  // the direction the curve ends in
  const double length = std::hypot(ux, uy);
  ux /= length;
  uy /= length;
  constexpr double head = 7, half_width = 3.5;
  const double bx = x2 - ux * head, by = to_y - uy * head;
  return fmt::format(
      "<g class=\"rf\"><title>{}</title><path d=\"M{:.1f} {:.1f} Q{:.1f} {:.1f} {:.1f} {:.1f}\"/>"
      "<polygon points=\"{:.1f},{:.1f} {:.1f},{:.1f} {:.1f},{:.1f}\"/></g>\n",
      esc(title), x1, from_y, cx, cy, bx, by, x2, to_y, bx - uy * half_width, by + ux * half_width,
      bx + uy * half_width, by - ux * half_width);
}

// The [first, last) range of trace indices to draw.
std::pair<std::size_t, std::size_t> window(const finding& f, const std::set<std::uint64_t>& highlighted) {
  const std::size_t n = f.trace.size();
  if (n <= max_columns) return {0, n};
  std::size_t lo = n, hi = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (highlighted.contains(f.trace[i].step)) {
      lo = std::min(lo, i);
      hi = std::max(hi, i);
    }
  }
  if (lo == n) return {n - max_columns, n};  // nothing highlighted: the end, where it failed
  const std::size_t span = hi - lo + 1;
  if (span >= max_columns) return {lo, lo + max_columns};
  const std::size_t margin = (max_columns - span) / 2;
  std::size_t first = lo > margin ? lo - margin : 0;
  first = std::min(first, n - max_columns);
  return {first, first + max_columns};
}

}  // namespace

std::string lanes_svg(const finding& f) {
  if (f.trace.empty()) return {};
  const std::set<std::uint64_t> highlighted(f.highlight_steps.begin(), f.highlight_steps.end());
  const auto range = window(f, highlighted);  // not a structured binding: clang 14 cannot capture one
  const std::size_t first = range.first, last = range.second;

  std::map<std::uint32_t, int> lane_of;  // thread id -> lane index, in thread order
  for (std::size_t i = first; i < last; ++i) lane_of.emplace(f.trace[i].thread, 0);
  int lane_index = 0;
  for (auto& [thread, lane] : lane_of) lane = lane_index++;

  const int columns = static_cast<int>(last - first);
  const geometry g = geometry::for_columns(last - first);
  const int column = g.column, box = g.box, lane_height = g.lane_height;
  const int width = label_width + columns * column + pad_right;
  const int height = axis_height + lane_index * lane_height + 6;
  const auto x_of = [&](std::size_t i) { return label_width + static_cast<int>(i - first) * column + column / 2; };
  const int box_shift = g.labels ? -6 : 0;  // room for the object label below the box
  const auto y_of = [&](std::uint32_t thread) {
    return axis_height + lane_of[thread] * lane_height + lane_height / 2 + box_shift;
  };

  std::string out = fmt::format(
      "<svg class=\"lanes\" role=\"img\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\" data-threads=\"{}\" "
      "data-events=\"{}\"><title>{}</title>\n",
      width, height, width, height, lane_index, columns,
      attr(fmt::format("interleaving of {} threads over {} steps", lane_index, columns)));
  // Lanes: background, centre line, label.
  for (const auto& [thread, lane] : lane_of) {
    const int top = axis_height + lane * lane_height;
    out += fmt::format(
        "<g class=\"lane\" data-thread=\"{}\"><rect class=\"lane-bg{}\" x=\"0\" y=\"{}\" width=\"{}\" height=\"{}\"/>"
        "<line class=\"lane-line\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>"
        "<text class=\"lane-label\" x=\"10\" y=\"{}\" dominant-baseline=\"central\">thread {}</text></g>\n",
        thread, lane % 2 ? " alt" : "", top, width, lane_height, label_width, top + lane_height / 2 + box_shift,
        width - pad_right, top + lane_height / 2 + box_shift, top + lane_height / 2 + box_shift, thread);
  }
  // Highlight bands behind the events, and the axis with step numbers.
  std::vector<std::pair<int, int>> marks;  // centres of highlighted events, in order
  for (std::size_t i = first; i < last; ++i) {
    const auto& e = f.trace[i];
    const int x = x_of(i);
    const bool hl = highlighted.contains(e.step);
    if (hl) {
      out += fmt::format("<rect class=\"band\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>", x - column / 2,
                         axis_height, column, lane_index * lane_height);
      marks.emplace_back(x, y_of(e.thread));
    }
    if (hl || g.labels || (i - first) % 5 == 0) {
      out += fmt::format("<text class=\"axis\" x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>", x,
                         axis_height - 9, e.step);
    }
  }
  out += fmt::format("<text class=\"axis\" x=\"10\" y=\"{}\">step</text>\n", axis_height - 9);
  if (first > 0) {
    out += fmt::format("<text class=\"elided\" x=\"{}\" y=\"{}\" text-anchor=\"end\">…{} earlier</text>\n",
                       label_width - 4, height - 4, first);
  }
  // The dashed path through the highlighted events, in execution order.
  if (marks.size() >= 2) {
    std::string d;
    for (const auto& [x, y] : marks) d += fmt::format("{}{} {}", d.empty() ? "M" : " L", x, y);
    out += fmt::format("<path class=\"link\" d=\"{}\"/>\n", d);
  }
  // Reads of an older store: an arrow from the store, when it is drawn too.
  for (std::size_t i = first; i < last; ++i) {
    const auto& e = f.trace[i];
    const trace_event* store = text::event_at(f, e.read_from);
    if (store == nullptr) continue;
    const auto at = static_cast<std::size_t>(store - f.trace.data());
    if (at < first || at >= i) continue;
    out += arrow(x_of(at), y_of(store->thread), x_of(i), y_of(e.thread), box,
                 fmt::format("read an older store ({} newer)\nstep {} · thread {} · {}\n{}", e.newer_stores, e.step,
                             e.thread, text::operation_text(e), text::read_from_text(f, e)));
  }
  // Events, above the path.
  for (std::size_t i = first; i < last; ++i) {
    const auto& e = f.trace[i];
    const bool hl = highlighted.contains(e.step);
    const int x = x_of(i), y = y_of(e.thread);
    out += fmt::format(
        "<g class=\"ev {}{}{}\" data-step=\"{}\"><title>{}</title><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" "
        "rx=\"4\"/><text x=\"{}\" y=\"{}\">{}</text>{}</g>\n",
        category(e.operation), hl ? " hl" : "", text::read_an_older_store(e) ? " stale" : "", e.step,
        esc(tooltip(f, e)), x - box / 2, y - box / 2, box, box, x, y,
        esc(glyph(e.operation)),
        g.labels && !e.object.empty()
            ? fmt::format("<text class=\"obj\" x=\"{}\" y=\"{}\">{}</text>", x, y + box / 2 + 9, esc(short_object(e.object)))
            : std::string());
  }
  if (last < f.trace.size()) {
    out += fmt::format("<text class=\"elided\" x=\"{}\" y=\"{}\" text-anchor=\"end\">…{} later</text>\n",
                       width - 4, height - 4, f.trace.size() - last);
  }
  out += "</svg>";
  return out;
}

}  // namespace weft::reports::html
