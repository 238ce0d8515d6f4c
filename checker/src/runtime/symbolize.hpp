// symbolize.hpp — the symboliser's answers besides call sites
// (weft/detail/location.hpp has describe_caller).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>

namespace weft::detail {

/// The variable `address` lies in, from the symbol tables of the loaded
/// modules: "counter", "table+8"; "" when it is in no module's variable
/// (heap, stacks) or nothing names it. Slow the first time in a process.
std::string describe_data(const void* address) noexcept;

/// The address and size of the variable whose symbol (mangled, as the
/// symbol table has it) is `symbol`, in the module holding the address
/// `in_module`; {0, 0} when it has none.
std::pair<std::uintptr_t, std::size_t> find_variable(const void* in_module, std::string_view symbol) noexcept;

/// Whether the call that returns to `return_address` was written in the
/// file whose path ends with `header` ("bits/shared_ptr_atomic.h"): its own
/// line, or the call site of an inlined call around it. Cached per address;
/// slow the first time in a process.
bool inlined_from(const void* return_address, std::string_view header) noexcept;

}  // namespace weft::detail
