#include "text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace weft::reports::text {
namespace {

// Length of the valid UTF-8 sequence starting at s[i], or 0 when invalid.
std::size_t utf8_length(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = byte(i);
  if (c < 0x80) return 1;
  std::size_t n = 0;
  std::uint32_t cp = 0;
  if ((c & 0xE0) == 0xC0) { n = 2; cp = c & 0x1Fu; }
  else if ((c & 0xF0) == 0xE0) { n = 3; cp = c & 0x0Fu; }
  else if ((c & 0xF8) == 0xF0) { n = 4; cp = c & 0x07u; }
  else return 0;
  if (i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3Fu);
  }
  const bool overlong = (n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000);
  if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

constexpr std::string_view replacement = "\xEF\xBF\xBD";

}  // namespace

std::string valid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t n = utf8_length(s, i);
    if (n == 0) {
      out += replacement;
      ++i;
    } else {
      out.append(s.substr(i, n));
      i += n;
    }
  }
  return out;
}

std::string xml_escape(std::string_view s, bool keep_newlines) {
  const std::string valid = valid_utf8(s);
  std::string out;
  out.reserve(valid.size() + valid.size() / 8);
  for (const char ch : valid) {
    const auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      case '\n': out += keep_newlines ? "\n" : "&#10;"; break;
      case '\t': out += keep_newlines ? "\t" : "&#9;"; break;
      default:
        if (c < 0x20 || c == 0x7F) {
          out += replacement;  // not representable in XML 1.0
        } else {
          out += ch;
        }
    }
  }
  return out;
}

std::string printable(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7F) {
      out += fmt::format("\\x{:02x}", c);
    } else {
      out += ch;
    }
  }
  return out;
}

std::string_view base_name(std::string_view file) {
  const auto slash = file.find_last_of('/');
  return slash == std::string_view::npos ? file : file.substr(slash + 1);
}

namespace {

/// Where the bracket group opening at `open` ends (the index of its closing
/// bracket), or npos when it is not closed.
std::size_t group_end(std::string_view name, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open; i < name.size(); ++i) {
    if (name[i] == '<' || name[i] == '(') ++depth;
    if (name[i] == '>' || name[i] == ')') {
      if (--depth == 0) return i;
    }
  }
  return std::string_view::npos;
}

/// How long an operator's symbol is at `at`, just after "operator" ("<<",
/// "()", "<=>", "->*"): its brackets are not a group.
std::size_t operator_symbol_length(std::string_view name, std::size_t at) {
  if (name.substr(at, 2) == "()") return 2;
  std::size_t n = 0;
  while (at + n < name.size() && std::string_view("<>=!+-*/%&|^~[],").find(name[at + n]) != std::string_view::npos) ++n;
  return n;
}

}  // namespace

std::string short_function_name(std::string_view name) {
  constexpr std::size_t longest_group = 40;
  std::string out;
  for (std::size_t i = 0; i < name.size();) {
    if (name.substr(i, 8) == "operator") {
      const std::size_t n = 8 + operator_symbol_length(name, i + 8);
      out += name.substr(i, n);
      i += n;
      continue;
    }
    const char c = name[i];
    const std::size_t end = c == '<' || c == '(' ? group_end(name, i) : std::string_view::npos;
    if (end != std::string_view::npos && end - i - 1 > longest_group) {
      out += c;
      out += "\u2026";
      out += name[end];
      i = end + 1;
      continue;
    }
    out += c;
    ++i;
  }
  return out;
}

std::string location_text(const source_location& loc) {
  if (loc.file.empty() && loc.function.empty()) return {};
  std::string out = loc.file.empty() ? std::string("?") : loc.file;
  if (loc.line != 0) out += fmt::format(":{}", loc.line);
  if (!loc.function.empty()) out += fmt::format(" ({})", short_function_name(loc.function));
  return out;
}

std::string operation_text(const trace_event& e) {
  std::string s = e.operation;
  if (!e.object.empty()) s += " " + e.object;
  if (!e.value.empty()) s += " = " + e.value;
  return s;
}

const trace_event* event_at(const finding& f, std::int64_t step) {
  if (step < 0) return nullptr;
  const auto it = std::lower_bound(f.trace.begin(), f.trace.end(), static_cast<std::uint64_t>(step),
                                   [](const trace_event& e, std::uint64_t s) { return e.step < s; });
  return it != f.trace.end() && it->step == static_cast<std::uint64_t>(step) ? &*it : nullptr;
}

std::string read_from_text(const finding& f, const trace_event& e) {
  if (!read_an_older_store(e)) return {};
  std::string out;
  if (e.read_from < 0) {
    out = "read a store from before the trace";
  } else {
    out = fmt::format("read the store at step {}", e.read_from);
    if (const auto* store = event_at(f, e.read_from)) out += fmt::format(" by thread {}", store->thread);
  }
  if (e.newer_stores > 0) {
    out += fmt::format("; {} newer store{} existed", e.newer_stores, e.newer_stores == 1 ? "" : "s");
  }
  return out;
}

std::string grouped(std::uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i != 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string si(double v) {
  if (!std::isfinite(v)) return "-";
  const double a = std::fabs(v);
  if (a >= 1e9) return fmt::format("{:.3g}G", v / 1e9);
  if (a >= 1e6) return fmt::format("{:.3g}M", v / 1e6);
  if (a >= 1e4) return fmt::format("{:.3g}k", v / 1e3);
  if (a >= 100 || a == 0) return fmt::format("{:.0f}", v);
  return fmt::format("{:.3g}", v);
}

std::string duration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return "-";
  if (seconds < 1e-3) return fmt::format("{:.0f} µs", seconds * 1e6);
  if (seconds < 1) return fmt::format("{:.1f} ms", seconds * 1e3);
  if (seconds < 60) return fmt::format("{:.2f} s", seconds);
  const auto whole = static_cast<std::uint64_t>(seconds);
  if (whole < 3600) return fmt::format("{} m {:02} s", whole / 60, whole % 60);
  return fmt::format("{} h {:02} m", whole / 3600, (whole / 60) % 60);
}

}  // namespace weft::reports::text
