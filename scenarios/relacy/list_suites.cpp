// list_suites.cpp — the list family under Relacy (a Relacy translation unit:
// weft headers first, then suite.hpp).
#include <atomic>
#include <chrono>
#include <deque>
#include <memory>
#include <optional>
#include <vector>

#include "weft/scenarios/list.hpp"

#include "suite.hpp"

namespace weft::relacy_program {
namespace {

using scenarios::list_params;
// The controlled scheduler's parameters (weft's registry, scenarios/list.cpp).
constexpr list_params two_appenders{.appenders = 2, .readers = 0, .appends = 1, .reads = 0};

}  // namespace

void add_list_suites(std::vector<entry>& out) {
  // appenders + readers + the processor
  constexpr std::size_t threads = two_appenders.appenders + two_appenders.readers + 1;
  out.push_back(suite_entry<scenarios::list_size_counter, two_appenders, threads>("list/list_size_counter"));
}

}  // namespace weft::relacy_program
