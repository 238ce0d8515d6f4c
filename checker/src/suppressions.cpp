#include "weft/suppressions.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "glob.hpp"
#include "weft/detectors.hpp"

namespace weft {
namespace {

std::string_view trimmed(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}

/// Whether `pattern` matches `file` or one of its path tails ("b/c.cpp",
/// "c.cpp" of "/a/b/c.cpp"), followed by ":line".
bool matches_location(std::string_view pattern, const source_location& l) {
  const std::string line = ":" + std::to_string(l.line);
  std::string_view file = l.file;
  for (;;) {
    if (detail::glob_match(pattern, std::string(file) + line)) return true;
    const auto slash = file.find('/');
    if (slash == std::string_view::npos) return false;
    file.remove_prefix(slash + 1);
  }
}

/// The objects a finding names in its message: "mutex#2", "var#1", and the
/// names users gave them ("accounts.lock" of "accounts.lock (mutex#2)").
std::vector<std::string_view> objects_named(std::string_view message) {
  std::vector<std::string_view> out;
  for (std::size_t hash = message.find('#'); hash != std::string_view::npos; hash = message.find('#', hash + 1)) {
    std::size_t begin = hash, end = hash + 1;
    while (begin > 0 && (std::islower(static_cast<unsigned char>(message[begin - 1])) || message[begin - 1] == '_'))
      --begin;
    while (end < message.size() && std::isdigit(static_cast<unsigned char>(message[end]))) ++end;
    if (begin == hash || end == hash + 1) continue;
    out.push_back(message.substr(begin, end - begin));
    if (begin >= 2 && message.substr(begin - 2, 2) == " (") {
      const std::size_t name_end = begin - 2;
      const std::size_t space = message.rfind(' ', name_end - 1);
      const std::size_t name_begin = space == std::string_view::npos ? 0 : space + 1;
      if (name_begin < name_end) out.push_back(message.substr(name_begin, name_end - name_begin));
    }
  }
  return out;
}

bool matches(const suppression_rule& rule, const finding& f) {
  if (rule.kind && *rule.kind != f.kind) return false;
  if (rule.subkind != finding_subkind::none && rule.subkind != f.subkind) return false;
  for (const source_location& l : f.locations) {
    if (matches_location(rule.pattern, l)) return true;
    if (!l.function.empty() && detail::glob_match(rule.pattern, l.function)) return true;
  }
  for (const std::string_view object : objects_named(f.message)) {
    if (detail::glob_match(rule.pattern, object)) return true;
  }
  return false;
}

}  // namespace

suppressions suppressions::parse(std::string_view text, std::string_view origin) {
  suppressions out;
  std::size_t number = 0;
  for (std::size_t start = 0; start < text.size();) {
    const std::size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view line = trimmed(text.substr(start, end - start));
    start = end + 1;
    ++number;
    if (line.empty() || line.front() == '#') continue;
    auto fail = [&](const std::string& what) {
      return std::invalid_argument(std::string(origin) + ":" + std::to_string(number) + ": " + what);
    };
    const auto colon = line.find(':');
    if (colon == std::string_view::npos) throw fail("'" + std::string(line) + "' is not kind:pattern");
    const std::string_view kind = trimmed(line.substr(0, colon));
    suppression_rule rule;
    rule.pattern = std::string(trimmed(line.substr(colon + 1)));
    rule.text = std::string(line);
    if (rule.pattern.empty()) throw fail("'" + std::string(line) + "' has an empty pattern");
    if (kind != "*") {
      if (const auto subkind = finding_subkind_from_string(kind)) {
        rule.subkind = *subkind;
        rule.kind = kind_of(*subkind);
      } else {
        rule.kind = finding_kind_from_string(kind);
      }
      const auto& known_kinds = switchable_detectors();
      if (!rule.kind || std::find(known_kinds.begin(), known_kinds.end(), *rule.kind) == known_kinds.end()) {
        throw fail("unknown finding kind '" + std::string(kind) + "' (*, " + switchable_names() + ")");
      }
    }
    out.rules_.push_back(std::move(rule));
  }
  return out;
}

suppressions suppressions::read_file(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw std::invalid_argument("cannot read suppressions file '" + path + "': it is a directory");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::invalid_argument("cannot read suppressions file '" + path + "': " + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw std::invalid_argument("cannot read suppressions file '" + path + "': " + std::strerror(errno));
  return parse(text.str(), path);
}

const suppression_rule* suppressions::match(const finding& f) const {
  for (const suppression_rule& rule : rules_) {
    if (matches(rule, f)) return &rule;
  }
  return nullptr;
}

}  // namespace weft
