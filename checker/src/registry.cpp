#include "weft/registry.hpp"

#include <algorithm>
#include <stdexcept>

namespace weft {
namespace {

bool valid_part(std::string_view part) {
  return !part.empty() && std::all_of(part.begin(), part.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

bool glob_match(std::string_view pattern, std::string_view text) {
  if (pattern.empty()) return text.empty();
  if (pattern.front() == '*') {
    for (std::size_t i = 0; i <= text.size(); ++i) {
      if (glob_match(pattern.substr(1), text.substr(i))) return true;
    }
    return false;
  }
  return !text.empty() && pattern.front() == text.front() &&
         glob_match(pattern.substr(1), text.substr(1));
}

}  // namespace

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

void registry::add(scenario s) {
  const auto slash = s.name.find('/');
  if (slash == std::string::npos || !valid_part(std::string_view(s.name).substr(0, slash)) ||
      !valid_part(std::string_view(s.name).substr(slash + 1))) {
    throw std::invalid_argument("scenario name '" + s.name + "' is not of the form family/name");
  }
  if (find(s.name) != nullptr) {
    throw std::invalid_argument("scenario '" + s.name + "' is registered twice");
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
      if (p.find('/') == std::string::npos && p.find('*') == std::string::npos) return s.family() == p;
      return glob_match(p, s.name);
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
