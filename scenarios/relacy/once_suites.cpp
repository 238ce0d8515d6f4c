// once_suites.cpp — the once family under Relacy (a Relacy translation unit:
// weft headers first, then suite.hpp).
#include <atomic>
#include <map>
#include <vector>

#include "weft/scenarios/once.hpp"

#include "suite.hpp"

namespace weft::relacy_program {
namespace {

using scenarios::once_params;
// The controlled scheduler's parameters (weft's registry, scenarios/once.cpp).
constexpr once_params one_lookup{.threads = 2, .lookups = 1, .keys = 1};
constexpr once_params two_lookups{.threads = 2, .lookups = 2, .keys = 1};

template <template <class> class Scenario, once_params P>
entry once_entry(const char* name) {
  return suite_entry<Scenario, P, P.threads>(name);
}

}  // namespace

void add_once_suites(std::vector<entry>& out) {
  out.push_back(once_entry<scenarios::once_double_checked_plain, one_lookup>("once/double_checked_plain"));
  out.push_back(once_entry<scenarios::once_double_checked_atomic, two_lookups>("once/double_checked_atomic"));
  out.push_back(once_entry<scenarios::once_call_once, two_lookups>("once/call_once"));
}

}  // namespace weft::relacy_program
