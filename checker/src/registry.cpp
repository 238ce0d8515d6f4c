#include "weft/registry.hpp"

#include <algorithm>
#include <stdexcept>

#include "glob.hpp"

namespace weft {

const char* const name_rule =
    "a scenario name is family/name (both parts non-empty), printable, without spaces or the glob characters * "
    "and ?, and does not start with '-'";

std::string name_problem(std::string_view name) {
  for (const char ch : name) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == ' ' || (c >= '\t' && c <= '\r')) return "it has whitespace";
    if (c < ' ' || c == 0x7f) return "it has a control character";
    if (c == '*' || c == '?') return std::string("it has the glob character ") + ch;
  }
  if (name.empty()) return "it is empty";
  if (name.front() == '-') return "it starts with '-' (it would read as a flag)";
  const auto slash = name.find('/');
  if (slash == std::string_view::npos) return "it has no '/' between family and name";
  if (slash == 0 || slash + 1 == name.size()) return "its family or name part is empty";
  return {};
}

bool verdict_as_expected(const scenario& s, const std::vector<finding>& findings) {
  if (s.expected_clean()) return findings.empty();
  if (findings.empty()) return false;
  return std::all_of(findings.begin(), findings.end(), [&](const finding& f) {
    return std::find(s.expected.begin(), s.expected.end(), f.kind) != s.expected.end();
  });
}

registry& registry::instance() {
  static registry r;
  return r;
}

namespace {

/// The name as an error line can show it: control characters as \xNN.
std::string shown(std::string_view name) {
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  for (const char ch : name) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < ' ' || c == 0x7f) {
      out += {'\\', 'x', hex[c >> 4], hex[c & 15]};
    } else {
      out += ch;
    }
  }
  return out;
}

}  // namespace

void registry::add(scenario s) {
  const std::string where = s.seed_ref.empty() ? "" : " (" + s.seed_ref + ")";
  if (const std::string problem = name_problem(s.name); !problem.empty()) {
    errors_.push_back("scenario '" + shown(s.name) + "'" + where + " is left out: " + problem + "; " + name_rule);
    return;
  }
  if (const scenario* first = find(s.name)) {
    errors_.push_back("scenario '" + s.name + "'" + where + " is left out: a scenario of that name is already "
                      "registered" + (first->seed_ref.empty() ? "" : " (" + first->seed_ref + ")") +
                      "; names must be unique");
    return;
  }
  scenarios_.push_back(std::move(s));
}

const scenario* registry::find(std::string_view name) const {
  for (const auto& s : scenarios_) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

std::vector<const scenario*> registry::match(const std::vector<std::string>& patterns) const {
  std::vector<const scenario*> out;
  for (const auto& s : scenarios_) {
    const bool hit = patterns.empty() || std::any_of(patterns.begin(), patterns.end(), [&](const std::string& p) {
      if (p.find('/') == std::string::npos && !detail::has_glob(p)) return s.family() == p;
      return detail::glob_match(p, s.name);
    });
    if (hit) out.push_back(&s);
  }
  return out;
}

}  // namespace weft

namespace weft::detail {

bool register_user_scenario(const char* name, void (*body)(), std::vector<finding_kind> expected,
                            const char* file, int line) {
  scenario s;
  s.name = name;
  s.seed_ref = std::string(file) + ":" + std::to_string(line);
  s.summary = "user scenario";
  s.expected = std::move(expected);
  s.checked = body;
  registry::instance().add(std::move(s));
  return true;
}

}  // namespace weft::detail
