// pipeline_suites.cpp — the pipeline family under Relacy (a Relacy translation
// unit: weft headers first, then suite.hpp).
#include <atomic>
#include <chrono>
#include <deque>
#include <optional>
#include <vector>

#include "weft/scenarios/pipeline.hpp"

#include "suite.hpp"

namespace weft::relacy_program {
namespace {

using scenarios::pipeline_params;
// The controlled scheduler's parameters (weft's registry, scenarios/pipeline.cpp).
constexpr pipeline_params two_items{.items = 2, .processors = 1, .buffer = 2, .error_every = 2};

}  // namespace

void add_pipeline_suites(std::vector<entry>& out) {
  // the producer, the processors, the consumer and the error handler
  constexpr std::size_t threads = two_items.processors + 3;
  out.push_back(
      suite_entry<scenarios::pipeline_error_accounting, two_items, threads>("pipeline/pipeline_error_accounting"));
}

}  // namespace weft::relacy_program
