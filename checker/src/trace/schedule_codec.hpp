// schedule_codec.hpp — a schedule as a short printable string.
//
// A schedule is the list of decisions of one or more executions (a
// lock-order inversion may need the executions that contributed each edge;
// the finding shows in the last one). Text form: "w1-" then the executions'
// decisions separated by '.'. A decision is a number written in base 16,
// every digit but the last as 'A'..'P', the last as 'a'..'p'; a decision
// repeated n times is written once followed by '_' and n. Only letters, '-',
// '.' and '_' appear, so the string needs no quoting in a shell.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace weft::detail {

struct schedule {
  std::vector<std::vector<std::uint64_t>> executions;
  bool operator==(const schedule&) const = default;
};

std::string encode_schedule(const schedule& s);
/// A schedule string may name at most this many executions.
inline constexpr std::size_t max_schedule_executions = 64;

/// Throws std::invalid_argument with a one-line message saying what is wrong,
/// also when an execution would expand to more than `max_decisions`
/// decisions (a few characters can say "a billion times"), before expanding it.
schedule decode_schedule(std::string_view text, std::uint64_t max_decisions = std::uint64_t{1} << 22);

}  // namespace weft::detail
