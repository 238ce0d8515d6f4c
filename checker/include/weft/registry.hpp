// weft/registry.hpp — the scenario registry: every scenario a weft program
// knows, with its expected verdict and the bodies each backend runs.
//
// Built-in model scenarios register through weft::register_model (see
// weft/model_scenario.hpp); users register with WEFT_SCENARIO (weft/weft.hpp).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "weft/result.hpp"

namespace weft {

/// A workload drawn for a scenario (`weft run --generate N`): the checked
/// body with those parameters, what they are, and smaller workloads to try
/// when it fails (RapidCheck's shrinks, most promising first).
struct generated_workload {
  std::function<void()> body;
  std::string description;
  std::function<std::vector<generated_workload>()> shrinks;
};

/// One scenario: a name "family/name", what to expect, and how to run it.
struct scenario {
  std::string name;                    // "counter/unsafe"
  std::string seed_ref;                // "000 §2.2, 001 §11.3.5" — where the tutorials show it
  std::string summary;                 // one line: what it does
  std::vector<finding_kind> expected;  // empty: expected clean; else the kinds the bug may show as
  std::string notes;                   // e.g. "found by PCT, rarely by random walk"
  std::string stress_notes;            // why real threads may not show the expected verdict
  /// One execution under the controlled scheduler (spawns weft threads).
  std::function<void()> checked;
  /// One execution on real threads with noisy_std_sync (null: not runnable
  /// on real threads, e.g. it needs logical time).
  std::function<void()> stress;
  /// True when the weft-relacy program has this scenario.
  bool relacy = false;
  /// Draws a workload (null: the scenario has no parameter generator).
  std::function<generated_workload(std::uint64_t seed, int size)> generate;

  std::string family() const { return name.substr(0, name.find('/')); }
  bool expected_clean() const { return expected.empty(); }
};

/// Whether the findings of a run are the scenario's expected verdict: no
/// finding for a scenario expected clean; otherwise at least one finding, and
/// every finding of a kind the scenario lists (a checked run stops at the
/// first finding, so one listed kind suffices).
bool verdict_as_expected(const scenario& s, const std::vector<finding>& findings);

class registry {
 public:
  static registry& instance();
  /// Adds a scenario whose name follows name_rule and is not registered
  /// yet. Otherwise it records a one-line error (errors()) and leaves the
  /// scenario out: registration runs during static initialisation, where a
  /// throw would end the program before any command could say why.
  void add(scenario s);
  const std::vector<scenario>& all() const { return scenarios_; }
  /// What went wrong in add(), one line each, naming the scenario and the rule.
  const std::vector<std::string>& errors() const { return errors_; }
  const scenario* find(std::string_view name) const;
  /// Scenarios whose name matches any pattern ('*' matches any run of
  /// characters, '?' one character; a pattern without '/', '*' and '?'
  /// matches a whole family). No patterns: every scenario.
  std::vector<const scenario*> match(const std::vector<std::string>& patterns) const;

 private:
  std::vector<scenario> scenarios_;
  std::vector<std::string> errors_;
};

/// The rule every scenario name follows, as error messages state it.
extern const char* const name_rule;
/// Empty when `name` follows name_rule; otherwise what is wrong with it.
std::string name_problem(std::string_view name);

}  // namespace weft
