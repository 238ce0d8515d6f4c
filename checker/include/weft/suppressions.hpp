// weft/suppressions.hpp — findings a user has accepted, ThreadSanitizer-style.
//
// A suppressions file has one rule per line, `kind:pattern` (`#` starts a
// comment line; blank lines are ignored), e.g.
//
//     data_race:legacy/cache.cpp:*      # any line of that file
//     lock_order_inversion:*Registry*   # a function or object name
//     *:third_party/*                   # any kind
//     misuse/held_at_end:worker.cpp:*   # one sub-kind of misuse only
//
// The pattern is a glob ('*' any run of characters, '?' one character)
// matched against the whole of each thing the finding names: every location
// as file:line (the file as reported and each of its path tails, so
// `cache.cpp:12` matches `/src/legacy/cache.cpp:12`), every location's
// function, and every object it names (`mutex#2`, `var#1`). A suppressed
// finding is counted (weft::result::suppressed), never reported as a bug.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "weft/result.hpp"

namespace weft {

struct suppression_rule {
  std::optional<finding_kind> kind;  // nullopt: any kind ("*")
  finding_subkind subkind = finding_subkind::none;  // none: any sub-kind of `kind`
  std::string pattern;
  std::string text;                  // the rule as written, "data_race:cache.cpp:*"
  bool operator==(const suppression_rule&) const = default;
};

class suppressions {
 public:
  /// Parses rules; `origin` (a file name) prefixes error messages. Throws
  /// std::invalid_argument "origin:LINE: what is wrong" on a malformed rule.
  static suppressions parse(std::string_view text, std::string_view origin);
  /// Reads and parses a file; std::invalid_argument when it cannot be read.
  static suppressions read_file(const std::string& path);

  /// The first rule matching `f`, or null.
  const suppression_rule* match(const finding& f) const;
  bool empty() const { return rules_.empty(); }
  const std::vector<suppression_rule>& rules() const { return rules_; }
  bool operator==(const suppressions&) const = default;

 private:
  std::vector<suppression_rule> rules_;
};

}  // namespace weft
