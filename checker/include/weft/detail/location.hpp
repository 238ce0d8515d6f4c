// weft/detail/location.hpp — where an operation was called from, captured by
// a defaulted argument like std::source_location. weft has its own because
// clang 14 with libstdc++ 12 (the ThreadSanitizer build) has no
// std::source_location; the __builtin_FILE family works on both compilers.
#pragma once

#include <cstdint>

namespace weft::detail {

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
  constexpr const char* file_name() const noexcept { return file_; }
  constexpr const char* function_name() const noexcept { return function_; }
  constexpr std::uint_least32_t line() const noexcept { return line_; }
  constexpr std::uint_least32_t column() const noexcept { return 0; }

 private:
  const char* file_ = "";
  const char* function_ = "";
  std::uint_least32_t line_ = 0;
};

}  // namespace weft::detail
