// The one place lincheck touches the runtime: ending the current checked
// execution with a finding, or recording it for a stress run on real threads
// (the search itself knows nothing of the runtime).
#include "../runtime/execution.hpp"
#include "weft/assert.hpp"
#include "weft/lincheck/history.hpp"

namespace weft::lincheck::detail {

void fail_execution(finding f, const weft::detail::location& where) {
  f.locations.push_back({where.file_name(), where.line(), where.function_name()});
  if (weft::detail::current() == nullptr) {
    f.source = finding_source::stress;
    weft::detail::record_outside_failure(std::move(f));
    return;
  }
  weft::detail::execution& e = *weft::detail::current();
  if (e.tracing()) {
    e.record("linearizability_check", nullptr, where);
    f.highlight_steps.push_back(e.last_event());
  }
  e.fail(std::move(f));
}

}  // namespace weft::lincheck::detail
