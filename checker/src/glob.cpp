#include "glob.hpp"

namespace weft::detail {

bool glob_match(std::string_view pattern, std::string_view text) {
  // Iterative, with one backtrack point: the last '*' seen (linear in
  // practice, never exponential on patterns like "*a*a*a*b").
  std::size_t p = 0, t = 0, star = std::string_view::npos, resume = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      resume = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++resume;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

bool has_glob(std::string_view text) { return text.find_first_of("*?") != std::string_view::npos; }

}  // namespace weft::detail
