#include "program_token.hpp"

#include <fmt/format.h>

#include <charconv>
#include <optional>
#include <stdexcept>

namespace weft::prop::detail {
namespace {

/// `text` as a whole number of type T in `base` (every character a digit), or nothing.
template <class T>
std::optional<T> whole_number(std::string_view text, int base = 10) {
  T value{};
  const char* end = text.data() + text.size();
  const auto [at, error] = std::from_chars(text.data(), end, value, base);
  if (text.empty() || error != std::errc() || at != end) return std::nullopt;
  return value;
}

/// The part of `rest` before the next `separator`, removed from `rest` with
/// the separator; nothing when `rest` has no separator.
std::optional<std::string_view> take_until(std::string_view& rest, char separator) {
  const auto at = rest.find(separator);
  if (at == std::string_view::npos) return std::nullopt;
  const std::string_view part = rest.substr(0, at);
  rest.remove_prefix(at + 1);
  return part;
}

std::optional<program_token> parse(std::string_view rest) {
  program_token t;
  const auto seed = take_until(rest, ':');
  const auto program = take_until(rest, '/');
  const auto programs = take_until(rest, ':');
  const auto path = take_until(rest, ':');
  if (!seed || !program || !programs || !path) return std::nullopt;
  const auto seed_value = whole_number<std::uint64_t>(*seed);
  const auto program_value = whole_number<unsigned>(*program);
  const auto programs_value = whole_number<unsigned>(*programs);
  const auto check = whole_number<std::uint32_t>(rest, 16);
  if (!seed_value || !program_value || !programs_value || !check || rest.size() != 8) return std::nullopt;
  if (*program_value < 1 || *program_value > *programs_value) return std::nullopt;
  t.seed = *seed_value;
  t.program = *program_value;
  t.programs = *programs_value;
  t.check = *check;
  for (std::string_view steps = *path; !steps.empty();) {  // "0.3.1": every step a number
    const auto dot = steps.find('.');
    const auto index = whole_number<std::size_t>(steps.substr(0, dot));
    if (!index || dot + 1 == steps.size()) return std::nullopt;
    t.shrink_path.push_back(*index);
    steps.remove_prefix(dot == std::string_view::npos ? steps.size() : dot + 1);
  }
  return t;
}

}  // namespace

std::string to_string(const program_token& t) {
  return fmt::format("{}:{}/{}:{}:{:08x}", t.seed, t.program, t.programs, fmt::join(t.shrink_path, "."), t.check);
}

program_token parse_program_token(std::string_view text) {
  if (auto t = parse(text)) return *t;
  throw std::invalid_argument("malformed program token '" + std::string(text) +
                              "': expected SEED:PROGRAM/PROGRAMS:SHRINKS:CHECK as a printed replay line gives it");
}

std::uint32_t program_check(std::string_view scenario, std::string_view description) {
  // FNV-1a: stable across builds and platforms, unlike std::hash.
  std::uint32_t h = 2166136261u;
  const auto mix = [&](std::string_view v) {
    for (const char c : v) h = (h ^ static_cast<unsigned char>(c)) * 16777619u;
  };
  mix(scenario);
  mix(std::string_view("\0", 1));
  mix(description);
  return h;
}

}  // namespace weft::prop::detail
