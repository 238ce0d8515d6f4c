// race.cpp — the data race detector's report (the checks are inline in race.hpp).
#include "race.hpp"

#include <string>
#include <string_view>

#include "../runtime/execution.hpp"
#include "suppress.hpp"

namespace weft::detail::race {
namespace {

std::string file_line(const source_location& l) {
  return (l.file.empty() ? "?" : l.file) + ":" + std::to_string(l.line);
}

/// The latest traced read of `v` by `thread`, or null (not tracing, or no
/// longer in the trace's tail).
const trace_event* latest_read(const execution& e, const var_state& v, std::uint32_t thread) {
  if (!e.tracing()) return nullptr;
  const std::string name = e.name_of(v);
  const std::vector<trace_event>& trace = e.recorded_trace();
  for (auto ev = trace.rbegin(); ev != trace.rend(); ++ev) {
    if (ev->thread == thread && ev->object == name && ev->operation == "read") return &*ev;
  }
  return nullptr;
}

}  // namespace

void report(execution& e, const object_header& object, const char* now_kind, const location& where,
            std::uint32_t other_thread, const char* other_kind, const source_location& other_where,
            std::uint64_t other_event) {
  finding f;
  if (e.tracing()) {
    f.highlight_steps.push_back(other_event);
    f.highlight_steps.push_back(e.last_event());
  }
  const source_location here = to_location(where);
  const std::string now_access = std::string(now_kind) + " by thread " + std::to_string(e.current_id()) + " at " +
                                 file_line(here);
  const std::string other_access = std::string(other_kind) + " by thread " + std::to_string(other_thread) +
                                   (other_where.line != 0 ? " at " + file_line(other_where) : " (an earlier access of its)");
  f.kind = finding_kind::data_race;
  f.message = "data race on " + e.name_of(object) + ": " + now_access + " and " + other_access +
              ", unordered by happens-before";
  f.locations.push_back(here);
  if (other_where.line != 0) f.locations.push_back(other_where);
  f.details.push_back(now_access);
  f.details.push_back(other_access);
  if (!reported(e.settings().detect, e.settings().suppress, f, e.suppressed())) return;
  e.fail(std::move(f));
}

void report(execution& e, const var_state& v, const char* now_kind, const location& where,
            std::uint32_t other_thread, const char* other_kind, const location& other_where) {
  if (std::string_view(other_kind) == "write") {
    report(e, v, now_kind, where, other_thread, other_kind, to_location(other_where), v.write_event);
    return;
  }
  if (other_thread == v.read_by) {
    report(e, v, now_kind, where, other_thread, other_kind, to_location(other_where), v.read_event);
    return;
  }
  // Read-shared: the place kept is another reader's; the racing thread's
  // own read is in the trace.
  const trace_event* read = latest_read(e, v, other_thread);
  report(e, v, now_kind, where, other_thread, other_kind, read != nullptr ? read->location : source_location{},
         read != nullptr ? read->step : 0);
}

}  // namespace weft::detail::race
