// sample_report.hpp — real-looking reports for the reporter tests and the
// browser test: a deadlock with its wait-for cycle, data races, a lost
// wakeup, an expected bug not found, a ThreadSanitizer finding, benchmarks,
// and (on request) a linearizability finding with its history, a scenario
// whose strings are hostile HTML/XML, a load that read an older store, or
// misuse findings with and without a sub-kind.
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

/// Message passing with a relaxed flag (the C++ memory model): thread 2 sees
/// the flag thread 1 stored at step 6 but, at step 8, reads the data's
/// initial store (step 1, thread 0) while thread 1's store of 42 (step 5)
/// is newer: read_from 1, newer_stores 1.
scenario_report weak_memory_scenario();

/// sample_report() plus lincheck_scenario(), weak_memory_scenario() and
/// hostile_scenario() (last).
run_report sample_report_with_hostile();

/// sample_report() with two misuse findings added to its first scenario
/// (bank/transfer_unordered): "thread 1 locks mutex#0, which it already
/// holds" of sub-kind misuse/relock, and "resource leak" without a sub-kind
/// (as Relacy reports one).
run_report sample_report_with_misuse();

}  // namespace weft::reports::testing
