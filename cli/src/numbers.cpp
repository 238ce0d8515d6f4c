#include "numbers.hpp"

#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string>

namespace weft::cli {
namespace {

/// The text shown in an error: at most 40 characters of what was given.
std::string quoted(const std::string& text) {
  return "'" + (text.size() <= 40 ? text : text.substr(0, 37) + "...") + "'";
}

}  // namespace

CLI::Validator whole_number(std::uint64_t min, std::uint64_t max) {
  const std::string allowed = "a whole number from " + std::to_string(min) + " to " + std::to_string(max);
  return CLI::Validator(
      [min, max, allowed](const std::string& text) {
        std::uint64_t value = 0;
        const char* end = text.data() + text.size();
        const auto [stop, error] = std::from_chars(text.data(), end, value);
        if (text.empty() || stop != end || error != std::errc() || value < min || value > max) {
          return quoted(text) + " is not " + allowed;
        }
        return std::string();
      },
      std::to_string(min) + ".." + std::to_string(max));
}

CLI::Validator seconds(const char* zero_means) {
  const std::string allowed = zero_means != nullptr
                                  ? std::string("a number of seconds from 0 (0: ") + zero_means + ")"
                                  : std::string("a number of seconds greater than 0");
  const bool zero_allowed = zero_means != nullptr;
  return CLI::Validator(
      [allowed, zero_allowed](const std::string& text) {
        char* end = nullptr;
        const double value = std::strtod(text.c_str(), &end);
        const bool number = !text.empty() && *end == '\0' && std::isfinite(value);
        if (!number || value < 0 || (value == 0 && !zero_allowed)) return quoted(text) + " is not " + allowed;
        return std::string();
      },
      zero_allowed ? "SECONDS>=0" : "SECONDS>0");
}

}  // namespace weft::cli
