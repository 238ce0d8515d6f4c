// program_token.hpp — the printable identity of a generated program, which
// `weft replay --program TOKEN` takes back: the seed and the program's place
// among the programs drawn (which fix RapidCheck's random source and size),
// the path through the shrinks that led to the reported program, and a
// check over the scenario's name and the program's description, so that a
// token printed for another scenario, or by another build of this one, is
// refused instead of replaying some other program.
//
// Text: SEED:PROGRAM/PROGRAMS:SHRINKS:CHECK, e.g. "1:6/20:0.3.1:5be3c0a1" —
// program 6 of 20 drawn with --seed 1, then shrink 0, 3 and 1 taken.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace weft::prop::detail {

struct program_token {
  std::uint64_t seed = 0;
  unsigned program = 1;   // 1-based, <= programs
  unsigned programs = 1;
  std::vector<std::size_t> shrink_path;  // the index of the smaller program taken at each shrink step
  std::uint32_t check = 0;

  bool operator==(const program_token&) const = default;
};

std::string to_string(const program_token& t);

/// The token `text` spells; std::invalid_argument (one line, naming the text
/// and the expected form) when it is not one.
program_token parse_program_token(std::string_view text);

/// The check of a program `description` drawn for the scenario `scenario`.
std::uint32_t program_check(std::string_view scenario, std::string_view description);

}  // namespace weft::prop::detail
