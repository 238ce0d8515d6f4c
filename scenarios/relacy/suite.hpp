// suite.hpp — a weft scenario template as a Relacy test suite, and one
// rl::simulate run of it. Include only from a Relacy translation unit, after
// every std and weft header (see weft/relacy_sync.hpp).
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdio>
#include <exception>
#include <fstream>
#include <sstream>
#include <string>

#include "catalog.hpp"
#include "weft/scenario_shape.hpp"
#include "weft/relacy_sync.hpp"  // last: Relacy's macros

namespace weft::relacy_program {

/// How the description of an execution failed by an exception escaping a
/// thread starts (verdict_of reads it back as uncaught_exception).
inline constexpr const char* uncaught_exception_prefix = "uncaught exception in thread ";

/// Scenario<relacy_sync> built from Params, as an rl::test_suite with a fixed
/// thread count: Relacy thread i runs thread(i), after() runs check().
/// Dynamic: how many relacy_sync::threads the scenario may start itself.
template <template <class> class Scenario, auto Params, rl::thread_id_t Threads, rl::thread_id_t Dynamic = 0>
  requires scenario_shape<Scenario<relacy_sync>>
struct suite : rl::test_suite<suite<Scenario, Params, Threads, Dynamic>, Threads> {
  static const rl::thread_id_t dynamic_thread_count = Dynamic;

  suite() {
    if (scenario_.thread_count() != static_cast<std::size_t>(Threads))
      relacy_detail::fail("misuse: the scenario's thread count is not the test suite's", weft::detail::location::current());
  }
  /// An exception escaping a thread fails the execution as weft's
  /// uncaught_exception. The handler only copies the message: failing from
  /// inside it would leave an exception caught forever on this OS thread (the
  /// failed fiber never resumes to end the handler).
  void thread(unsigned i) {
    static char what[256];  // no allocation in the handler
    bool thrown = false;
    try {
      scenario_.thread(i);
    } catch (const std::exception& e) {
      std::snprintf(what, sizeof what, "%s", e.what());
      thrown = true;
    } catch (...) {
      std::snprintf(what, sizeof what, "%s", "an exception of unknown type");
      thrown = true;
    }
    if (thrown) {
      relacy_detail::fail(std::string(uncaught_exception_prefix) + std::to_string(i) + ": " + what,
                          weft::detail::location::current());
    }
  }
  void after() { scenario_.check(); }

 private:
  struct execution_start {
    execution_start() { relacy_sync::begin_execution(); }
  } start_;  // before the scenario: its constructor may read the clock
  Scenario<relacy_sync> scenario_{Params};
};

/// What weft calls a Relacy test result (Relacy's description line helps
/// tell relacy_sync's misuse reports from failed assertions).
std::string verdict_of(rl::test_result_e result, const std::string& description);
/// Where the history's failing event happened: its line reads
/// "[step] thread: <description>, in <function>, <file>(<line>)" (glue.cpp).
std::optional<place> failing_place(const std::string& history, const std::string& description);

inline rl::scheduler_type_e scheduler_of(relacy_search s) {
  switch (s) {
    case relacy_search::context_bound: return rl::sched_bound;
    case relacy_search::full: return rl::sched_full;
    case relacy_search::random: break;
  }
  return rl::sched_random;
}

/// Runs rl::simulate on Suite. Relacy writes to a file stream opened before
/// the run (a string stream growing inside the simulation would allocate
/// through Relacy's allocator); the text is read back afterwards.
template <class Suite>
outcome run_suite(const request& req) {
  std::ofstream history_out(req.history_path, std::ios::out | std::ios::trunc);
  std::ostream no_progress(nullptr);
  rl::test_params params;
  params.iteration_count = req.iterations;
  params.output_stream = &history_out;
  params.progress_stream = &no_progress;
  params.search_type = scheduler_of(req.search);
  params.context_bound = req.context_bound;

  const auto start = std::chrono::steady_clock::now();
  rl::simulate<Suite>(params);
  const auto stop = std::chrono::steady_clock::now();
  history_out.close();

  outcome out;
  out.seconds = std::chrono::duration<double>(stop - start).count();
  out.executions = params.stop_iteration + 1;
  out.relacy_result = rl::test_result_str(params.test_result);
  std::ifstream history_in(req.history_path);
  std::ostringstream text;
  text << history_in.rdbuf();
  out.history = text.str();
  if (params.test_result == rl::test_result_success) {
    out.verdict = "clean";
    out.message = "no failure in " + std::to_string(out.executions) + " executions";
    return out;
  }
  // Relacy's output: the test name, then the result line, e.g.
  // "DATA RACE (data race detected)", then "iteration: N" and the history.
  std::istringstream lines(out.history);
  std::string line;
  std::getline(lines, line);
  std::getline(lines, out.message);
  if (out.message.empty()) out.message = out.relacy_result;
  out.verdict = verdict_of(params.test_result, out.message);
  out.failing_iteration = params.stop_iteration;
  // An uncaught exception's failing event is this file's thread(): no place worth naming.
  if (out.verdict != "uncaught_exception") out.location = failing_place(out.history, out.message);
  return out;
}

/// The catalog entry for Scenario built from Params under Relacy. Threads is
/// the scenario's thread_count() for Params (the suite checks it), Dynamic
/// how many threads the scenario starts itself.
template <template <class> class Scenario, auto Params, rl::thread_id_t Threads, rl::thread_id_t Dynamic = 0>
entry suite_entry(const char* name) {
  return {name, Threads, &run_suite<suite<Scenario, Params, Threads, Dynamic>>};
}

}  // namespace weft::relacy_program
