// dict_suites.cpp — the dict family under Relacy (a Relacy translation unit:
// weft headers first, then suite.hpp).
#include <atomic>
#include <map>
#include <optional>
#include <vector>

#include "weft/scenarios/dict.hpp"

#include "suite.hpp"

namespace weft::relacy_program {
namespace {

using scenarios::dict_params;
// The controlled scheduler's parameters (weft's registry, scenarios/dict.cpp).
constexpr dict_params two_by_two{.threads = 2, .operations = 2};

}  // namespace

void add_dict_suites(std::vector<entry>& out) {
  out.push_back(suite_entry<scenarios::dict_locked_dict, two_by_two, two_by_two.threads>("dict/locked_dict"));
}

}  // namespace weft::relacy_program
