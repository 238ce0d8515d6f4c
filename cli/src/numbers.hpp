// numbers.hpp — CLI11 checks for every numeric flag of `weft`: the text is
// checked before CLI11 converts it, so an out-of-range value is never
// clamped and every refusal is one short line saying what is allowed:
// "--seed: '-1' is not a whole number from 0 to 18446744073709551615".
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <limits>

namespace weft::cli {

/// A whole number from `min` to `max` (decimal digits only).
CLI::Validator whole_number(std::uint64_t min, std::uint64_t max);

/// A whole number from `min` to the largest value of T.
template <class T>
CLI::Validator whole_number_of(std::uint64_t min = 0) {
  return whole_number(min, static_cast<std::uint64_t>(std::numeric_limits<T>::max()));
}

/// A finite number of seconds, greater than 0 (or from 0 when `zero_means`
/// says what 0 stands for, e.g. "no budget").
CLI::Validator seconds(const char* zero_means = nullptr);

}  // namespace weft::cli
