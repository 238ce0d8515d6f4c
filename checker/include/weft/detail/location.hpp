// weft/detail/location.hpp — where an operation was called from. Either
// captured by a defaulted argument like std::source_location (weft has its
// own because clang 14 with libstdc++ 12, the ThreadSanitizer build, has no
// std::source_location; the __builtin_FILE family works on both compilers),
// or, where no default argument can reach (conversion and assignment
// operators), the caller's return address, symbolised from debug
// information only when a finding or a trace asks for file and line.
#pragma once

#include <cstdint>

namespace weft::detail {

/// A return address turned into source terms (strings live for the process).
struct caller_site {
  const char* file = "";
  const char* function = "";
  std::uint_least32_t line = 0;
};
/// Symbolises the call that returns to `return_address` (cached; slow the
/// first time, so never called on the fast path). Calls inlined from weft's
/// own headers are looked through to the user's call site.
const caller_site& describe_caller(const void* return_address) noexcept;
/// The address its call returns to: called from an operator inlined into the
/// user's code, a place in that code (not a tail call, unlike the operator's
/// own return address could be).
[[gnu::noinline]] const void* call_site_address() noexcept;

class location {
 public:
  constexpr location() = default;
  static constexpr location current(const char* file = __builtin_FILE(), const char* function = __builtin_FUNCTION(),
                                    std::uint_least32_t line = __builtin_LINE()) noexcept {
    location l;
    l.file_ = file;
    l.function_ = function;
    l.line_ = line;
    return l;
  }
  /// The call that returns to `return_address` (call_site_address() in an
  /// operator inlined into the user's code).
  static constexpr location caller(const void* return_address) noexcept {
    location l;
    l.caller_ = return_address;
    return l;
  }
  constexpr const char* file_name() const noexcept { return caller_ ? describe_caller(caller_).file : file_; }
  constexpr const char* function_name() const noexcept {
    return caller_ ? describe_caller(caller_).function : function_;
  }
  constexpr std::uint_least32_t line() const noexcept { return caller_ ? describe_caller(caller_).line : line_; }
  constexpr std::uint_least32_t column() const noexcept { return 0; }
  /// Whether this names a place at all (without symbolising).
  constexpr bool known() const noexcept { return caller_ != nullptr || line_ != 0; }

 private:
  const char* file_ = "";
  const char* function_ = "";
  std::uint_least32_t line_ = 0;
  const void* caller_ = nullptr;
};

}  // namespace weft::detail
