// symbolize.hpp — the symboliser's answers besides call sites
// (weft/detail/location.hpp has describe_caller).
#pragma once

#include <string>

namespace weft::detail {

/// The variable `address` lies in, from the symbol tables of the loaded
/// modules: "counter", "table+8"; "" when it is in no module's variable
/// (heap, stacks) or nothing names it. Slow the first time in a process.
std::string describe_data(const void* address) noexcept;

}  // namespace weft::detail
