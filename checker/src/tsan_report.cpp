// tsan_report.cpp — the stress parent's side of ThreadSanitizer capture: turns a
// text record written by the child's report hook (format in tsan_capture.cpp)
// into a finding: its kind, a one-line message, the user-code locations, and
// the stacks in details.
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "stress_internal.hpp"

namespace weft::stress_detail {
namespace {

constexpr std::size_t shown_frames = 8;  // per stack, in details

std::vector<std::string_view> split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  for (;;) {
    const auto at = s.find(sep);
    parts.push_back(s.substr(0, at));
    if (at == std::string_view::npos) return parts;
    s.remove_prefix(at + 1);
  }
}

std::uint64_t number(std::string_view s) { return std::strtoull(std::string(s).c_str(), nullptr, 0); }

/// Frames of the runtime, of weft's noisy wrappers and its own primitives
/// (a weft::var on real threads is a plain variable, accessed in var.hpp),
/// and of the standard library are not where the user's bug is.
bool internal_frame(const source_location& l) {
  // Runtime markers name the runtime's own source tree ("/lib/tsan/"), not
  // any folder called tsan: a build directory build/tsan holds user code.
  static constexpr const char* markers[] = {"compiler-rt/", "sanitizer_common", "/lib/tsan/", "noisy_std_sync.hpp",
                                            "weft/sync/",   "/c++/",            "/usr/include/"};
  if (l.file.empty()) return true;
  for (const char* m : markers)
    if (l.file.find(m) != std::string::npos) return true;
  return false;
}

/// The frame a finding should point at: the first one in the user's code.
const source_location* relevant_frame(const std::vector<source_location>& frames) {
  for (const auto& f : frames)
    if (!internal_frame(f)) return &f;
  for (const auto& f : frames)
    if (!f.file.empty()) return &f;
  return frames.empty() ? nullptr : &frames.front();
}

std::string where(const source_location& l) {
  const auto slash = l.file.rfind('/');
  std::string s = (slash == std::string::npos ? l.file : l.file.substr(slash + 1)) + ":" + std::to_string(l.line);
  if (!l.function.empty()) s += " (" + l.function + ")";
  return s;
}

/// One item of a record (an access, a stack, a location) and its frames.
struct item {
  std::vector<std::string_view> head;  // the item's line, split into fields
  std::vector<source_location> frames;
};

std::string access_text(const item& m) {
  if (m.head.size() < 6) return "access";
  return std::string(number(m.head[3]) ? "atomic " : "") + (number(m.head[2]) ? "write" : "read") + " of size " +
         std::string(m.head[4]);
}

void add_stack(finding& f, const std::string& heading, const std::vector<source_location>& frames) {
  f.details.push_back(heading);
  for (std::size_t k = 0; k < frames.size() && k < shown_frames; ++k)
    f.details.push_back("  #" + std::to_string(k) + " " + where(frames[k]));
  if (const auto* r = relevant_frame(frames)) {
    bool seen = false;
    for (const auto& l : f.locations) seen = seen || l == *r;
    if (!seen) f.locations.push_back(*r);
  }
}

finding_kind kind_of(std::string_view description) {
  if (description == "data-race") return finding_kind::tsan_data_race;
  if (description == "lock-order-inversion") return finding_kind::tsan_lock_order_inversion;
  return finding_kind::tsan_other;
}

}  // namespace

std::optional<finding> finding_from_tsan_record(std::string_view record) {
  std::vector<item> items;
  std::string description;
  std::uint64_t iteration = 0;
  for (const auto line : split(record, '\n')) {
    if (line.empty()) continue;
    const auto fields = split(line, '\x1f');
    const auto tag = fields[0];
    if (tag == "R" && fields.size() >= 3) {
      description = std::string(fields[1]);
      iteration = number(fields[2]);
    } else if (tag == "F" && fields.size() >= 4 && !items.empty()) {
      source_location l{std::string(fields[1]), static_cast<std::uint32_t>(number(fields[2])), std::string(fields[3])};
      if (l.file == "<null>") l.file.clear();
      l.file = std::filesystem::path(l.file).lexically_normal().string();  // build/tsan/../../x.hpp -> x.hpp's path
      if (l.function == "<null>") l.function.clear();
      items.back().frames.push_back(std::move(l));
    } else if (tag == "M" || tag == "X" || tag == "S" || tag == "L") {
      items.push_back({fields, {}});
    }
  }
  if (description.empty()) return std::nullopt;

  finding f;
  f.kind = kind_of(description);
  f.source = finding_source::tsan;
  f.iteration = iteration;
  std::string summary = "ThreadSanitizer: " + description;
  int mops = 0, stacks = 0, mutexes = 0;
  for (const auto& it : items) {
    const auto tag = it.head[0];
    if (tag == "M") {
      const std::string access = access_text(it);
      const std::string tid = it.head.size() > 1 ? std::string(it.head[1]) : "?";
      const std::string addr = it.head.size() > 5 ? std::string(it.head[5]) : "?";
      add_stack(f, (mops == 0 ? "" : "previous ") + access + " at " + addr + " by thread T" + tid + ":", it.frames);
      if (mops < 2) {
        summary += (mops == 0 ? ": " : " vs ") + access;
        if (const auto* r = relevant_frame(it.frames)) summary += " at " + where(*r);
      }
      ++mops;
    } else if (tag == "X") {
      ++mutexes;
      if (it.head.size() >= 3)
        f.details.push_back("mutex M" + std::string(it.head[1]) + " at " + std::string(it.head[2]));
    } else if (tag == "S") {
      add_stack(f, "mutex acquired (stack " + std::to_string(stacks) + "):", it.frames);
      if (stacks < 2) {
        if (stacks == 0 && mutexes > 0) summary += ": a cycle of " + std::to_string(mutexes) + " mutexes";
        if (const auto* r = relevant_frame(it.frames)) summary += (stacks == 0 ? ", locked at " : " and ") + where(*r);
      }
      ++stacks;
    } else if (tag == "L" && it.head.size() >= 4) {
      const bool allocated = !it.frames.empty();
      f.details.push_back("location: " + std::string(it.head[1]) +
                          (number(it.head[2]) ? " block of size " + std::string(it.head[2]) : std::string()) +
                          (allocated ? ", allocated by thread T" + std::string(it.head[3]) + " at:" : ""));
      for (std::size_t k = 0; k < it.frames.size() && k < 3; ++k)
        f.details.push_back("  #" + std::to_string(k) + " " + where(it.frames[k]));
    }
  }
  f.message = summary;
  return f;
}

}  // namespace weft::stress_detail
