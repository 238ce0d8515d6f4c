// The one place lincheck touches the engine: ending the current checked
// execution with a finding (the search itself knows nothing of the engine).
#include "../engine/execution.hpp"
#include "weft/lincheck/history.hpp"

namespace weft::lincheck::detail {

void fail_execution(finding f, const weft::detail::location& where) {
  weft::detail::execution& e = *weft::detail::current();
  f.locations.push_back({where.file_name(), where.line(), where.function_name()});
  if (e.tracing()) {
    e.record("linearizability_check", nullptr, where);
    f.highlight_steps.push_back(e.last_event());
  }
  e.fail(std::move(f));
}

}  // namespace weft::lincheck::detail
