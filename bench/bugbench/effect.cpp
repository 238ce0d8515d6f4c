// Drives the runtime directly (a bench-only use of checker internals): the
// decision count of an execution is not part of weft's public result.
#include "effect.hpp"

#include <sstream>

#include "runtime/execution.hpp"  // weft_checker_internal
#include "sched/strategy.hpp"

namespace weft::bugbench {
namespace {

constexpr std::uint64_t executions = 200;

double decisions_per_execution(const program& p, bool skip) {
  options o;
  o.skip_independent_points = skip;
  o.detect.disable(weft::finding_kind::lock_order_inversion);
  detail::execution exec(detail::settings_of(o));
  auto walk = detail::make_random_strategy(1);
  std::uint64_t total = 0;
  for (std::uint64_t i = 0; i < executions; ++i) {
    walk->begin_execution(i);
    const auto outcome = exec.run(p.body, *walk, false, detail::edge_recording::none);
    total += outcome.decisions.size();
  }
  return static_cast<double>(total) / executions;
}

}  // namespace

std::string effect_table(const std::vector<const program*>& selected) {
  std::ostringstream out;
  out << "| program | decisions/execution | with --skip-independent |\n|---|--:|--:|\n";
  out.precision(1);
  out << std::fixed;
  for (const program* p : selected) {
    out << "| `" << p->name << "` | " << decisions_per_execution(*p, false) << " | "
        << decisions_per_execution(*p, true) << " |\n";
  }
  return out.str();
}

}  // namespace weft::bugbench
