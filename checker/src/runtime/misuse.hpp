// misuse.hpp — the one way the runtime's primitives build a misuse finding:
// kind misuse, the sub-kind saying which contract was broken
// (weft::finding_subkind), a one-line message and the place of the call.
#pragma once

#include <string>

#include "weft/detail/runtime.hpp"
#include "weft/result.hpp"

namespace weft::detail {

finding misuse_finding(finding_subkind what, std::string message, const location& where);

}  // namespace weft::detail
