// cache_suites.cpp — the cache family under Relacy (a Relacy translation unit:
// weft headers first, then suite.hpp).
#include <atomic>
#include <optional>
#include <vector>

#include "weft/scenarios/cache.hpp"

#include "suite.hpp"

namespace weft::relacy_program {
namespace {

using scenarios::cache_params;
// The controlled scheduler's parameters (weft's registry, scenarios/cache.cpp).
constexpr cache_params two_writers{
    .readers = 0, .writers = 2, .reader_ops = 0, .writer_ops = 1, .keys = 1, .max_size = 1};

}  // namespace

void add_cache_suites(std::vector<entry>& out) {
  constexpr std::size_t threads = two_writers.readers + two_writers.writers;
  out.push_back(
      suite_entry<scenarios::cache_evict_check_then_act, two_writers, threads>("cache/cache_evict_check_then_act"));
}

}  // namespace weft::relacy_program
