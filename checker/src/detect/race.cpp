// race.cpp — the data race detector's report (the checks are inline in race.hpp).
#include "race.hpp"

#include <string>
#include <string_view>

#include "../runtime/execution.hpp"
#include "suppress.hpp"

namespace weft::detail::race {
void report(execution& e, const object_header& object, const char* now_kind, const location& where,
            std::uint32_t other_thread, const char* other_kind, const location& other_where,
            std::uint64_t other_event) {
  finding f;
  if (e.tracing()) {
    f.highlight_steps.push_back(other_event);
    f.highlight_steps.push_back(e.last_event());
  }
  f.kind = finding_kind::data_race;
  f.message = "data race on " + e.name_of(object) + ": " + now_kind + " by thread " +
              std::to_string(e.current_id()) + " at " + file_line(where) + " and " + other_kind + " by thread " +
              std::to_string(other_thread) + " at " + file_line(other_where) + ", unordered by happens-before";
  f.locations.push_back(to_location(where));
  f.locations.push_back(to_location(other_where));
  f.details.push_back(std::string(now_kind) + " by thread " + std::to_string(e.current_id()) + " at " + file_line(where));
  f.details.push_back(std::string(other_kind) + " by thread " + std::to_string(other_thread) + " at " + file_line(other_where));
  if (!reported(e.settings().detect, e.settings().suppress, f, e.suppressed())) return;
  e.fail(std::move(f));
}

void report(execution& e, const var_state& v, const char* now_kind, const location& where,
            std::uint32_t other_thread, const char* other_kind, const location& other_where) {
  const std::uint64_t other_event = std::string_view(other_kind) == "write" ? v.write_event : v.read_event;
  report(e, v, now_kind, where, other_thread, other_kind, other_where, other_event);
}

}  // namespace weft::detail::race
