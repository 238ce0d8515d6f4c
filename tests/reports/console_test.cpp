// The console reporter: a line per scenario, findings with trace excerpts and
// exact replay commands, progress only on terminals.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <sstream>

#include "sample_report.hpp"
#include "weft/reports/console.hpp"

namespace weft::reports {
namespace {

std::string console_text(const run_report& r, console_options options = {}) {
  std::ostringstream out;
  console_reporter rep(out, options);
  emit(r, rep);
  return out.str();
}

TEST(Console, OneLinePerScenarioWithVerdictAndRate) {
  const std::string out = console_text(testing::sample_report());
  EXPECT_NE(out.find("OK         bank/transfer_unordered"), std::string::npos) << out;
  EXPECT_NE(out.find("UNEXPECTED queue/bounded_if_wait"), std::string::npos) << out;
  EXPECT_NE(out.find("UNEXPECTED rwlock/writer_starvation"), std::string::npos) << out;
  EXPECT_NE(out.find("612,034 exec"), std::string::npos) << out;
  EXPECT_NE(out.find("2.51M exec/s"), std::string::npos) << out;
  EXPECT_NE(out.find("FAIL 8 scenarios, 6 as expected, 2 unexpected"), std::string::npos) << out;
  EXPECT_EQ(out.find('\x1b'), std::string::npos) << "colours on a non-terminal";
}

TEST(Console, SuppressedCountPerScenarioAndInTheSummary) {
  const std::string out = console_text(testing::sample_report());
  const auto line = out.find("OK         counter/unsafe");
  ASSERT_NE(line, std::string::npos) << out;
  EXPECT_NE(out.substr(line, out.find('\n', line) - line).find("checked/portfolio  1 suppressed"), std::string::npos)
      << out;
  EXPECT_NE(out.find("executions in 12.50 s; 1 suppressed;"), std::string::npos) << out;
  EXPECT_EQ(console_text(run_report{}).find("suppressed"), std::string::npos);
}

TEST(Console, FindingsShowLocationTraceAndTheExactReplayCommand) {
  const std::string out = console_text(testing::sample_report());
  EXPECT_NE(out.find("replay: weft replay bank/transfer_unordered 'p2.s7.0011010'"), std::string::npos) << out;
  EXPECT_NE(out.find("replay: weft replay queue/bounded_if_wait 'p3.s11.00101110'"), std::string::npos) << out;
  // The replay line is the command alone (it is copied and run); what the schedule takes goes below it.
  EXPECT_NE(out.find("replay: weft replay bank/transfer_unordered 'p2.s7.0011010'\n"
                     "    needs 1 preemption (shrunk from 4 preemptions; as found: "
                     "weft replay bank/transfer_unordered 'p2.s9.001101011')\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("replay: weft replay queue/bounded_if_wait 'p3.s11.00101110'\n    needs 0 preemptions\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("at models/include/weft/models/bank.hpp:41 (Bank<checked_sync>::transfer)"), std::string::npos);
  EXPECT_NE(out.find("wait-for cycle: thread 1 -> mutex#1 (held by thread 2)"), std::string::npos);
  EXPECT_NE(out.find(">     7  t1 lock mutex#1 = blocked"), std::string::npos) << out;
  EXPECT_NE(out.find("no schedule (found by the tsan engine)"), std::string::npos);
  EXPECT_NE(out.find("REGRESSED  checked/atomic_increment_2t"), std::string::npos) << out;
}

TEST(Console, AFindingShowsItsSubkind) {
  const std::string out = console_text(testing::sample_report_with_misuse());
  EXPECT_NE(out.find("misuse/relock: thread 1 locks mutex#0, which it already holds\n"), std::string::npos) << out;
  EXPECT_NE(out.find("misuse: resource leak\n"), std::string::npos) << out;
}

TEST(Console, AnUnknownLocationPrintsNoBareAt) {
  // weft exec's `exit` finding of main's return status has a location with
  // no file, line or function: no "at" line, not "at " with nothing after.
  run_report r = testing::sample_report_with_misuse();
  finding& exited = r.scenarios.at(0).outcome.findings.back();
  exited.kind = finding_kind::exit;
  exited.message = "the program ended with exit status 1";
  exited.locations = {source_location{}};
  const std::string out = console_text(r);
  const auto at = out.find("exit: the program ended with exit status 1\n");
  ASSERT_NE(at, std::string::npos) << out;
  const auto next_line = out.find('\n', at) + 1;
  const std::string next = out.substr(next_line, out.find('\n', next_line) - next_line);
  EXPECT_EQ(next.rfind("    at", 0), std::string::npos) << next;
  EXPECT_EQ(out.find("at \n"), std::string::npos) << out;
}

TEST(Console, ALongTemplateInstantiationIsShortenedInTheAtLine) {
  // Boost.Asio names a completion handler's function with thousands of
  // characters of template arguments: long argument and parameter lists
  // become "<…>" and "(…)", short ones (and operators' brackets) stay.
  run_report r = testing::sample_report_with_misuse();
  finding& f = r.scenarios.at(0).outcome.findings.back();
  const std::string executor =
      "boost::asio::execution::any_executor<boost::asio::execution::context_as_t<boost::asio::execution_context&>, "
      "boost::asio::execution::detail::blocking::never_t<0> >";
  f.locations = {
      source_location{"handlers.cpp", 25,
                      "boost::asio::detail::reactive_socket_accept_op<boost::asio::basic_socket<boost::asio::ip::tcp, " +
                          executor + ">, main::$_1>::do_complete(void*, boost::asio::detail::scheduler_operation*, "
                                     "boost::system::error_code const&, unsigned long)"},
      source_location{"handlers.cpp", 33, "std::vector<int, std::allocator<int> >::operator()(int) const"},
      source_location{"handlers.cpp", 34, "bool operator<<(std::ostream&, point const&)"}};
  const std::string out = console_text(r);
  EXPECT_NE(out.find("at handlers.cpp:25 (boost::asio::detail::reactive_socket_accept_op<\u2026>::do_complete(\u2026))\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("at handlers.cpp:33 (std::vector<int, std::allocator<int> >::operator()(int) const)\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("at handlers.cpp:34 (bool operator<<(std::ostream&, point const&))\n"), std::string::npos) << out;
}

// The line of the trace excerpt showing `step` ("" when there is none).
std::string trace_line(const std::string& out, std::uint64_t step) {
  const std::string mark = fmt::format(" {:>5}  ", step);
  for (std::size_t at = out.find(mark); at != std::string::npos; at = out.find(mark, at + 1)) {
    const auto begin = out.rfind('\n', at) + 1;
    if (out.compare(begin, 4, "    ") != 0 || at - begin != 5) continue;  // a trace line: indent, mark column
    return out.substr(begin, out.find('\n', at) - begin);
  }
  return {};
}

TEST(Console, ALoadThatReadAnOlderStoreSaysWhichStoreAndThatNewerOnesExisted) {
  run_report r;
  r.scenarios = {testing::weak_memory_scenario()};
  const std::string out = console_text(r);
  const std::string load = trace_line(out, 8);
  EXPECT_NE(load.find("t2 load data (atomic#0) = 0"), std::string::npos) << out;
  EXPECT_NE(load.find("message_passing.hpp:31  (read the store at step 1 by thread 0; 1 newer store existed)"),
            std::string::npos)
      << load;
  EXPECT_EQ(trace_line(out, 7).find("read the store"), std::string::npos) << "a load of the newest store says nothing";
  EXPECT_EQ(out.find("read the store", out.find("read the store") + 1), std::string::npos) << out;

  auto& e = r.scenarios[0].outcome.findings[0].trace[7];
  e.newer_stores = 3;
  EXPECT_NE(trace_line(console_text(r), 8).find("(read the store at step 1 by thread 0; 3 newer stores existed)"),
            std::string::npos);
  e.read_from = -1;  // a store from before the trace's start
  EXPECT_NE(trace_line(console_text(r), 8).find("(read a store from before the trace; 3 newer stores existed)"),
            std::string::npos);
}

TEST(Console, ALoadThatReadAnOlderStoreAndThatStoreAreShownFarFromTheHighlightedSteps) {
  run_report r;
  r.scenarios = {testing::weak_memory_scenario()};
  auto& f = r.scenarios[0].outcome.findings[0];
  for (std::uint64_t step = 9; step <= 60; ++step) f.trace.push_back({0, step, "yield", "", "", {}});
  f.highlight_steps = {60};
  const std::string out = console_text(r);
  EXPECT_NE(trace_line(out, 1).find("t0 store data (atomic#0) = 0"), std::string::npos) << out;
  EXPECT_NE(trace_line(out, 8).find("(read the store at step 1 by thread 0; 1 newer store existed)"), std::string::npos)
      << out;
  EXPECT_EQ(trace_line(out, 5), "") << "the events between are left out";
  EXPECT_EQ(trace_line(out, 30), "");
  EXPECT_NE(trace_line(out, 60), "");
}

TEST(Console, TraceExcerptElidesFarAwayEvents) {
  const std::string out = console_text(testing::sample_report());
  // The lost wakeup highlights steps 6 and 13 of 15: steps 10 and 1 are too far.
  const auto start = out.find("lost_wakeup:");
  ASSERT_NE(start, std::string::npos);
  const std::string part = out.substr(start, out.find("replay:", start) - start);
  EXPECT_EQ(part.find("    1  t0 spawn"), std::string::npos) << part;
  EXPECT_NE(part.find("..."), std::string::npos) << part;
}

TEST(Console, QuietShowsOnlyTheUnexpected) {
  console_options o;
  o.quiet = true;
  const std::string out = console_text(testing::sample_report(), o);
  EXPECT_EQ(out.find("counter/mutex"), std::string::npos) << out;
  EXPECT_NE(out.find("UNEXPECTED queue/bounded_if_wait"), std::string::npos);
  EXPECT_NE(out.find("FAIL "), std::string::npos);
}

TEST(Console, ProgressOnlyOnATerminalAndNotQuiet) {
  std::ostringstream plain;
  console_reporter a(plain, {});
  a.progress(3, 10, 2.5e6, 12);
  EXPECT_EQ(plain.str(), "");

  std::ostringstream quiet;
  console_reporter b(quiet, {.quiet = true, .tty = true});
  b.progress(3, 10, 2.5e6, 12);
  EXPECT_EQ(quiet.str(), "");

  std::ostringstream tty;
  console_reporter c(tty, {.tty = true});
  c.progress(3, 10, 2.5e6, 12);
  EXPECT_NE(tty.str().find("3/10"), std::string::npos) << tty.str();
  EXPECT_NE(tty.str().find("2.5M exec/s"), std::string::npos) << tty.str();
  EXPECT_NE(tty.str().find("ETA 12.00 s"), std::string::npos) << tty.str();
  c.scenario(testing::sample_report().scenarios[0]);  // erases the progress line first
  EXPECT_NE(tty.str().find("\r\x1b[2KOK"), std::string::npos) << tty.str();
}

TEST(Console, ControlCharactersFromCodeUnderTestAreNeutralised) {
  const std::string out = console_text(testing::sample_report_with_hostile());
  EXPECT_NE(out.find("control \\x01\\x1b[31m chars"), std::string::npos) << out;
  EXPECT_EQ(out.find('\x1b'), std::string::npos);
}


// --color and NO_COLOR (no-color.org): auto colours a terminal unless NO_COLOR
// is set and not empty, or TERM is dumb; always/never win over both.
TEST(Console, ColorChoice) {
  using enum color_choice;
  EXPECT_TRUE(colors_wanted(automatic, true, nullptr, "xterm"));
  EXPECT_FALSE(colors_wanted(automatic, false, nullptr, "xterm"));
  EXPECT_FALSE(colors_wanted(automatic, true, "1", "xterm"));
  EXPECT_TRUE(colors_wanted(automatic, true, "", "xterm"));  // empty NO_COLOR: not set
  EXPECT_FALSE(colors_wanted(automatic, true, nullptr, "dumb"));
  EXPECT_TRUE(colors_wanted(always, false, "1", "dumb"));
  EXPECT_FALSE(colors_wanted(never, true, nullptr, "xterm"));
  EXPECT_EQ(color_choice_from_string("auto"), automatic);
  EXPECT_EQ(color_choice_from_string("always"), always);
  EXPECT_EQ(color_choice_from_string("never"), never);
  EXPECT_EQ(color_choice_from_string("yes"), std::nullopt);
}

TEST(Console, ColorsAreEscapesOnlyWhenAsked) {
  const run_report r = testing::sample_report();
  EXPECT_NE(console_text(r, {.color = true}).find("\x1b[32mOK"), std::string::npos);
  EXPECT_EQ(console_text(r, {.tty = true, .color = false}).find("\x1b["), std::string::npos);
}

// A systematic search says how far it got, and nothing when the code under
// test left the schedules it replayed.
TEST(Console, ASystematicSearchClaimsItsSpaceOnlyWhenNothingDiverged) {
  run_report r;
  scenario_report s;
  s.name = "counter/atomic";
  s.strategy = "dfs";
  s.outcome.stats.executions = 24;
  s.outcome.stats.exhausted = true;
  r.scenarios = {s};
  EXPECT_NE(console_text(r).find("checked/dfs (space exhausted)"), std::string::npos) << console_text(r);
  r.scenarios[0].outcome.stats = {.executions = 24, .diverged = 3};
  const std::string out = console_text(r);
  EXPECT_NE(out.find("checked/dfs (nondeterministic: 3 executions left their replayed schedule, no exhaustive claim)"),
            std::string::npos)
      << out;
  EXPECT_EQ(out.find("exhausted"), std::string::npos) << out;
  EXPECT_EQ(out.find("first left"), std::string::npos) << "no place known, none said: " << out;
  r.scenarios[0].outcome.stats.first_divergence_execution = 5;
  r.scenarios[0].outcome.stats.first_divergence = "thread 1, at its store (a.cpp:4): decision 2 recorded threads 0, 1";
  EXPECT_NE(console_text(r).find("first left its replayed schedule in execution 5: thread 1, at its store (a.cpp:4)"),
            std::string::npos)
      << console_text(r);
}

}  // namespace
}  // namespace weft::reports
