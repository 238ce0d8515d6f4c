// weft/prop.hpp — the property loop: workloads drawn by a scenario's
// RapidCheck generator, each explored under the controlled scheduler, and
// the first failing one shrunk (RapidCheck's shrinks, keeping a failure of
// the same kind) before it is reported. `weft run --generate` and lincheck
// scenarios (<weft/lincheck.hpp>) use it. A failing program is named by a
// printable token, which `weft replay --program` takes back.
#pragma once

#include <string>
#include <string_view>

#include "weft/check.hpp"
#include "weft/registry.hpp"

namespace weft::prop {

/// `workloads` workloads drawn by s.generate (seed derived from o.seed, sizes
/// growing from small to large), then s.checked; the first that fails is
/// shrunk and its findings carry the workload in their details. A scenario
/// with default workloads (lincheck) shares o's iteration and time budget
/// among its workloads; any other gives each workload the whole budget.
result check_generated(const scenario& s, const options& o, unsigned workloads);

/// check_generated's result, and when a generated workload failed, the token
/// naming it (its seed, place among the workloads and shrink path: see
/// replay_program); empty when the findings come from s.checked.
struct generated_run {
  result outcome;
  std::string program;
};
generated_run run_generated(const scenario& s, const options& o, unsigned workloads);

/// The workload `program` names — a token run_generated gave for `s` —
/// drawn and shrunk again, so that a finding's schedule replays on it.
/// std::invalid_argument (one line) when s draws no workloads, the token is
/// malformed, or it names no workload of s (printed for another scenario or
/// by another build).
generated_workload replay_program(const scenario& s, std::string_view program);

/// Workloads `weft run` draws for the scenario named `name` without
/// --generate (lincheck: programs per scenario); 0 (the default): none.
/// A side table rather than a field of weft::scenario so that registry.hpp,
/// included nearly everywhere, stays as it is (fold it in when convenient).
void set_default_workloads(const std::string& name, unsigned workloads);
unsigned default_workloads(const scenario& s);

/// Shrink tries at most, over all rounds (each try explores a workload).
inline constexpr int max_shrink_tries = 400;

}  // namespace weft::prop
