// glob.hpp — the one glob weft matches names with: scenario patterns
// (`weft run 'bank/*'`) and suppression rules. '*' matches any run of
// characters, '?' exactly one; everything else matches itself.
#pragma once

#include <string_view>

namespace weft::detail {

bool glob_match(std::string_view pattern, std::string_view text);
/// Whether `text` has a glob character: a pattern, not a plain name.
bool has_glob(std::string_view text);

}  // namespace weft::detail
