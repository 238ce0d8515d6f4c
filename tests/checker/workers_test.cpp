// The explorer's worker processes (checker/src/explore/): a worker that dies
// becomes a finding of the execution it ran, with a schedule that replays the
// death; the supervisor merges its workers' counters and findings so that
// --jobs N gives what --jobs 1 gives; and the pieces the workers talk
// through (the progress slots in shared memory, the decision recorder, the
// wire's lock-order edges and pipe writes); a replay's output shown with its
// finding.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "explore/program_output.hpp"
#include "explore/wire.hpp"
#include "explore/worker_link.hpp"
#include "weft/weft.hpp"

namespace {

/// Thread b stores, then thread a: on those schedules the process dies by
/// `die` (a worker, when supervised).
template <void (*die)()>
void dies_on_one_order() {
  weft::atomic<int> last{0};
  weft::thread a([&] { last.store(1); });
  weft::thread b([&] { last.store(2); });
  a.join();
  b.join();
  if (last.load() == 1) die();
}
void abort_process() { std::abort(); }
void exit_process() { std::_Exit(7); }

weft::options supervised(unsigned jobs) {
  weft::options o;
  o.iterations = 200;
  o.seed = 5;
  o.strategy = weft::strategy_kind::random;
  o.supervised = true;
  o.jobs = jobs;
  o.shrink_seconds = 0;
  return o;
}

TEST(Workers, AWorkerKilledBySignalIsACrashOfItsExecution) {
  // The death capture (explore/death_capture.cpp) ends the execution from the
  // signal handler, allocating there: ThreadSanitizer reports that as a
  // signal-unsafe call and, halting on it, ends the worker its own way.
#if defined(__SANITIZE_THREAD__)
  GTEST_SKIP() << "ThreadSanitizer halts on the death capture's signal-unsafe calls";
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
  GTEST_SKIP() << "ThreadSanitizer halts on the death capture's signal-unsafe calls";
#endif
#endif
  for (unsigned jobs : {1u, 2u}) {
    SCOPED_TRACE(jobs);
    const weft::result r = weft::check(dies_on_one_order<abort_process>, supervised(jobs));
    ASSERT_EQ(r.findings.size(), 1u);
    const weft::finding& f = r.findings[0];
    EXPECT_EQ(f.kind, weft::finding_kind::crash) << f.message;
    EXPECT_NE(f.message.find("SIGABRT"), std::string::npos) << f.message;
    ASSERT_FALSE(f.schedule.empty()) << "the decisions the dead worker recorded";
    const weft::result again = weft::replay(dies_on_one_order<abort_process>, f.schedule, supervised(jobs));
    ASSERT_EQ(again.findings.size(), 1u) << "the schedule replays the death";
    EXPECT_EQ(again.findings[0].kind, weft::finding_kind::crash) << again.findings[0].message;
  }
}

TEST(Workers, AWorkerThatExitsIsAnExitFindingWithItsStatus) {
  const weft::result r = weft::check(dies_on_one_order<exit_process>, supervised(2));
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].kind, weft::finding_kind::exit) << r.findings[0].message;
  EXPECT_NE(r.findings[0].message.find('7'), std::string::npos) << r.findings[0].message;
}

TEST(Workers, AnExecutionThatEndsItsWorkerCountsAsAnExecution) {
  // It ran, up to its death: a report of "1 finding in 0 executions" would
  // say the program was never run.
  const weft::result r = weft::check([] { std::_Exit(3); }, supervised(1));
  ASSERT_EQ(r.findings.size(), 1u);
  EXPECT_EQ(r.findings[0].kind, weft::finding_kind::exit) << r.findings[0].message;
  EXPECT_EQ(r.stats.executions, 1u);
}

TEST(Workers, KeepGoingAfterDeathsGivesTheSameFindingsWhateverJobs) {
  weft::options o = supervised(1);
  o.iterations = 60;
  o.keep_going = true;
  const weft::result one = weft::check(dies_on_one_order<abort_process>, o);
  o.jobs = 3;
  const weft::result three = weft::check(dies_on_one_order<abort_process>, o);
  ASSERT_EQ(one.findings.size(), 1u) << "one distinct death";
  EXPECT_EQ(one.findings, three.findings);
}

TEST(Workers, TheirCountersAreMerged) {
  for (unsigned jobs : {1u, 3u}) {
    weft::options o = supervised(jobs);
    o.iterations = 90;
    const weft::result r = weft::check([] {
      weft::thread t([] {});
      t.join();
    }, o);
    EXPECT_TRUE(r.ok()) << r.findings.at(0).message;
    EXPECT_EQ(r.stats.executions, 90u) << "every worker's executions, counted once (jobs " << jobs << ")";
    EXPECT_EQ(r.stats.max_threads, 2u);
  }
}

// --- what the workers talk through -----------------------------------------------
/// Picks the first enabled thread and value 1: a strategy to record.
class first_choice final : public weft::detail::strategy {
 public:
  bool begin_execution(std::uint64_t) override { return true; }
  std::uint32_t pick_thread(std::span<const std::uint32_t> enabled, std::uint32_t,
                            std::span<const weft::detail::thread_info>) override {
    return enabled.front();
  }
  std::uint64_t pick_value(std::uint64_t) override { return 1; }
};

TEST(WorkerLink, TheRecorderCopiesEveryDecisionIntoSharedMemory) {
  weft::detail::progress_slots slots(2, 3);
  weft::detail::progress_slot& slot = slots.at(1);
  EXPECT_EQ(slot.capacity, 3u);
  EXPECT_EQ(slots.stop_below(), ~std::uint64_t{0}) << "nothing found yet: no iteration is skipped";
  first_choice inner;
  weft::detail::recording_strategy recorder(slot);
  recorder.wrap(inner);
  const std::vector<std::uint32_t> enabled{4, 6};
  ASSERT_TRUE(recorder.begin_execution(0));
  EXPECT_EQ(recorder.pick_thread(enabled, 4, {}), 4u);
  EXPECT_EQ(recorder.pick_value(2), 1u);
  EXPECT_EQ(slot.recorded(), (std::vector<std::uint64_t>{4, 1}));
  EXPECT_TRUE(slots.at(0).recorded().empty()) << "the other worker's slot is its own";

  ASSERT_TRUE(recorder.begin_execution(1));
  EXPECT_TRUE(slot.recorded().empty()) << "a new execution starts a new record";
  for (int i = 0; i < 4; ++i) (void)recorder.pick_value(2);
  EXPECT_EQ(slot.decision_count.load(), 4u);
  EXPECT_TRUE(slot.recorded().empty()) << "more decisions than fit: none rather than a wrong prefix";
}

TEST(WorkerLink, SlotsAreSharedWithAForkedWorker) {
  weft::detail::progress_slots slots(1, 4);
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    slots.at(0).executions.store(41);
    ::_exit(0);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  EXPECT_EQ(slots.at(0).executions.load(), 41u);
}

TEST(Wire, ALockOrderEdgeReadsBackEqual) {
  weft::detail::iteration_edge e;
  e.iteration = 12;
  e.edge.from = 1;
  e.edge.to = 2;
  e.edge.from_name = "accounts.lock (mutex#1)";
  e.edge.to_name = "mutex#2";
  e.edge.thread = 3;
  e.edge.gates = {7};
  e.edge.where = {"bank.hpp", 41, "transfer"};
  e.edge.decisions = {0, 1, 1};
  const weft::detail::iteration_edge back =
      weft::detail::wire::edge_from(nlohmann::json::parse(weft::detail::wire::to_json(e).dump()));
  EXPECT_EQ(back.iteration, e.iteration);
  EXPECT_EQ(back.edge.from, e.edge.from);
  EXPECT_EQ(back.edge.to, e.edge.to);
  EXPECT_EQ(back.edge.from_name, e.edge.from_name);
  EXPECT_EQ(back.edge.to_name, e.edge.to_name);
  EXPECT_EQ(back.edge.thread, e.edge.thread);
  EXPECT_EQ(back.edge.gates, e.edge.gates);
  EXPECT_EQ(back.edge.where, e.edge.where);
  EXPECT_EQ(back.edge.decisions, e.edge.decisions);
}

TEST(Wire, WritingToAClosedPipeFails) {
  int fds[2];
  ASSERT_EQ(::pipe(fds), 0);
  EXPECT_TRUE(weft::detail::wire::write_all(fds[1], "{\"end\":true}\n"));
  char buffer[32] = {};
  EXPECT_EQ(::read(fds[0], buffer, sizeof buffer), 13);
  ::close(fds[0]);
  const auto previous = std::signal(SIGPIPE, SIG_IGN);  // else the signal ends the test: see the write fail
  EXPECT_FALSE(weft::detail::wire::write_all(fds[1], "lost\n"));
  std::signal(SIGPIPE, previous);
  ::close(fds[1]);
}

TEST(ProgramOutput, TheLastLinesWithoutBlanksAndGoogleTestBanners) {
  const std::string gtest =
      "Running main() from gtest_main.cc\n[==========] Running 1 test from 1 test suite.\n"
      "[ RUN      ] Order.WorkersReportInOrder\norder.cpp:15: Failure\n\n"
      "Unexpected mock function call - returning directly.\n    Function call: Report(1)\n"
      "[  FAILED  ] Order.WorkersReportInOrder (0 ms)\n[  FAILED  ] 1 test, listed below:\n\n 1 FAILED TEST\n";
  EXPECT_EQ(weft::detail::output_details(gtest),
            (std::vector<std::string>{"the program's output in this replay (standard output and error):",
                                      "| Running main() from gtest_main.cc", "| order.cpp:15: Failure",
                                      "| Unexpected mock function call - returning directly.",
                                      "|     Function call: Report(1)", "|  1 FAILED TEST"}));
  EXPECT_TRUE(weft::detail::output_details("\n  \n[==========] 0 tests ran.\n").empty());
  std::string chatty;
  for (int i = 1; i <= 30; ++i) chatty += "line " + std::to_string(i) + "\n";
  chatty += std::string(400, 'x');  // the last line, without a newline
  const std::vector<std::string> d = weft::detail::output_details(chatty);
  ASSERT_EQ(d.size(), 21u);
  EXPECT_EQ(d[0], "the program's output in this replay (standard output and error; the last 20 of 31 lines):");
  EXPECT_EQ(d[1], "| line 12");
  EXPECT_EQ(d[20], "| " + std::string(300, 'x') + "\u2026");
}

TEST(ProgramOutput, AReplayInAChildProcessIsCaptured) {
  const weft::detail::program_output output(true);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    output.redirect();
    std::printf("total 9\n");  // line-buffered: before the error, as on a terminal
    std::fprintf(stderr, "expected 10\n");
    std::_Exit(1);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  EXPECT_EQ(output.details(), (std::vector<std::string>{"the program's output in this replay (standard output and "
                                                          "error):",
                                                          "| total 9", "| expected 10"}));
  EXPECT_TRUE(weft::detail::program_output(false).details().empty());
}

}  // namespace

TEST(Wire, ALineWithBytesThatAreNotUtf8KeepsTheRestOfTheFinding) {
  // A program's output, or a name read from a damaged symbol table, may
  // hold any bytes: the line still goes out, those bytes as U+FFFD.
  weft::finding f;
  f.kind = weft::finding_kind::crash;
  f.message = std::string("thread 1 was killed at \x80\xff");
  f.details = {"the program printed: total \xc3"};
  std::string line;
  ASSERT_NO_THROW(line = weft::detail::wire::line(nlohmann::json{{"finding", weft::to_json(f)}}));
  const nlohmann::json back = nlohmann::json::parse(line);
  const weft::finding read = weft::finding_from_json(weft::json_cursor(back["finding"], "finding"));
  EXPECT_EQ(read.kind, weft::finding_kind::crash);
  EXPECT_EQ(read.message, "thread 1 was killed at \xef\xbf\xbd\xef\xbf\xbd");
  EXPECT_EQ(read.details.at(0), "the program printed: total \xef\xbf\xbd");
}
