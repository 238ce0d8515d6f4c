// scenario_pool.hpp — `weft run --jobs N` over several scenarios: N
// scenarios at a time, each in a process of its own (forked, with its own
// supervised worker), their reports handed back in the scenarios' order.
//
// Splitting one scenario's executions among N workers leaves the rest of a
// scenario serial (forking the workers, shrinking, recording the trace of a
// finding), which is most of a short scenario's time: on the built-in suite
// at --jobs 2 that gave 55 % efficiency. Whole scenarios in parallel keep
// both cores busy, and each finds exactly what it finds at --jobs 1.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>

#include "weft/reports/run_report.hpp"

namespace weft::cli {

/// Runs job(0) ... job(count - 1), up to `slots` at a time, each in a forked
/// child that sends back the report job(i) returns. deliver(i, report) is
/// called in this process in index order; the report is nullopt when the
/// child sent none (job(i) threw, or the process died), so that the caller
/// can run job(i) here and meet the same error as without the pool.
/// SIGINT/SIGTERM (weft::catch_interrupts) end the children and throw
/// weft::interrupted.
void run_in_children(std::size_t count, unsigned slots,
                     const std::function<reports::scenario_report(std::size_t)>& job,
                     const std::function<void(std::size_t, std::optional<reports::scenario_report>)>& deliver);

}  // namespace weft::cli
