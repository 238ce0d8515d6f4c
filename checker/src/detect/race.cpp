// race.cpp — the data race detector's report (the checks are inline in race.hpp).
#include "race.hpp"

#include <string>
#include <string_view>

#include "../runtime/execution.hpp"
#include "suppress.hpp"

namespace weft::detail::race {
void report(execution& e, const var_state& v, const char* now_kind, const location& where,
            std::uint32_t other_thread, const char* other_kind, const location& other_where) {
  finding f;
  if (e.tracing()) {
    f.highlight_steps.push_back(std::string_view(other_kind) == "write" ? v.write_event : v.read_event);
    f.highlight_steps.push_back(e.last_event());
  }
  f.kind = finding_kind::data_race;
  f.message = "data race on " + e.name_of(v) + ": " + now_kind + " by thread " +
              std::to_string(e.current_id()) + " at " + file_line(where) + " and " + other_kind + " by thread " +
              std::to_string(other_thread) + " at " + file_line(other_where) + ", unordered by happens-before";
  f.locations.push_back(to_location(where));
  f.locations.push_back(to_location(other_where));
  f.details.push_back(std::string(now_kind) + " by thread " + std::to_string(e.current_id()) + " at " + file_line(where));
  f.details.push_back(std::string(other_kind) + " by thread " + std::to_string(other_thread) + " at " + file_line(other_where));
  if (!reported(e.settings().detect, e.settings().suppress, f, e.suppressed())) return;
  e.fail(std::move(f));
}

}  // namespace weft::detail::race
