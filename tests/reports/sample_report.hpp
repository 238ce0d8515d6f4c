// sample_report.hpp — real-looking reports for the reporter tests and the
// browser test: a deadlock with its wait-for cycle, data races, a lost
// wakeup, an expected bug not found, a ThreadSanitizer finding, benchmarks,
// and (on request) a linearizability finding with its history, a scenario
// whose strings are hostile HTML/XML, or misuse findings with and without a
// sub-kind.
#pragma once

#include "weft/reports/run_report.hpp"

namespace weft::reports::testing {

/// A run of several families with expected and unexpected verdicts.
run_report sample_report();

/// A scenario whose every string tries to break out of HTML, XML and JSON.
scenario_report hostile_scenario();

/// A linearizability finding with its structured history (4 operations on
/// main, t1, t2, t3; t1's pop cannot be placed) and a short trace.
scenario_report lincheck_scenario();

/// sample_report() plus lincheck_scenario() and hostile_scenario() (last).
run_report sample_report_with_hostile();

/// sample_report() with two misuse findings added to its first scenario
/// (bank/transfer_unordered): "thread 1 locks mutex#0, which it already
/// holds" of sub-kind misuse/relock, and "resource leak" without a sub-kind
/// (as Relacy reports one).
run_report sample_report_with_misuse();

}  // namespace weft::reports::testing
