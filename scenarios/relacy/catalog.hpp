// catalog.hpp — weft-relacy's scenarios and what one Relacy run is asked and
// gives back. Plain types only: main.cpp (no Relacy) and the Relacy
// translation units (*_suites.cpp) meet here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "weft/relacy_runner.hpp"
#include "weft/scenarios/family_table.hpp"

namespace weft::relacy_program {

struct request {
  relacy_search search = relacy_search::random;
  std::uint64_t iterations = 100000;  // random search; ignored by full search
  unsigned context_bound = 1;         // context-bound search
  std::string history_path;           // file Relacy writes its output to
};

/// A place in the code, as Relacy's history names it.
struct place {
  std::string file;
  unsigned line = 0;
  std::string function;
};

struct outcome {
  std::string verdict;         // "clean", a weft finding kind ("data_race", ...) or sub-kind ("misuse/relock")
  std::string relacy_result;   // Relacy's own name: "DATA RACE", "SUCCESS", ...
  std::string message;         // one line
  std::string history;         // Relacy's whole output: the failing execution's history
  std::uint64_t executions = 0;
  std::uint64_t failing_iteration = 0;  // when verdict != "clean"
  double seconds = 0;
  std::optional<place> location;  // where the failing operation was (from the history)
};

using run_function = outcome (*)(const request&);

struct entry {
  std::string name;  // as in weft's registry: "counter/unsafe"
  std::size_t threads = 0;
  run_function run = nullptr;
  bool selftest = false;  // a check of relacy_sync itself, not a weft scenario
};

/// Every scenario of the program, family by family (defined in
/// <family>_suites.cpp; the families are weft/scenarios/family_table.hpp's).
#define WEFT_RELACY_DECLARE_SUITES(family) void add_##family##_suites(std::vector<entry>& out);
WEFT_SCENARIO_FAMILIES(WEFT_RELACY_DECLARE_SUITES)
#undef WEFT_RELACY_DECLARE_SUITES
void add_selftest_suites(std::vector<entry>& out);

/// Makes a failed WEFT_ASSERT fail the current Relacy execution (glue.cpp).
void install_assert_hook();

}  // namespace weft::relacy_program
