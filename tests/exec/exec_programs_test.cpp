// Every program under tests/exec/programs/ run through weft exec's protocol
// (checker/src/instrument/exec_request.hpp) with a fixed seed and budget:
// the verdict is the one its source announces (`// weft-exec-expect: KIND`,
// or KIND/SUBKIND to name a misuse exactly;
// 100 executions for a correct program, 1,000 to find a bug), and a
// finding's schedule, shrunk, replays to the same kind of finding. The note of issue
// 15 has every correct program clean over 1,000 executions too.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

#include "instrument/exec_request.hpp"

namespace {

struct program {
  std::string name, binary, source;
};

void PrintTo(const program& p, std::ostream* out) { *out << p.name; }

/// Every program tests/exec/CMakeLists.txt built: {name, binary, source}.
std::vector<program> listed_programs() {
  return {
#include "exec_programs.inc"
  };
}

/// The listed program called `name` ("own_lock_cycle_after_work_bug"), or
/// none (a library's programs are built only where it is installed).
std::optional<program> listed_program(const std::string& name) {
  const std::vector<program> programs = listed_programs();
  const auto it = std::find_if(programs.begin(), programs.end(), [&](const program& p) { return p.name == name; });
  if (it == programs.end()) return std::nullopt;
  return *it;
}

/// What follows `tag` on the first line of `source` that holds it, without
/// surrounding blanks; nullopt when no line does.
std::optional<std::string> tagged(const std::string& source, const std::string& tag) {
  std::ifstream in(source);
  for (std::string line; std::getline(in, line);) {
    const auto at = line.find(tag);
    if (at == std::string::npos) continue;
    std::string rest = line.substr(at + tag.size());
    rest.erase(0, rest.find_first_not_of(" \t"));
    rest.erase(rest.find_last_not_of(" \t\r") + 1);
    return rest;
  }
  return std::nullopt;
}

/// The kinds a source announces (`// weft-exec-expect: KIND|KIND`; "clean"
/// alone for a correct program).
std::vector<std::string> expected_kinds(const std::string& source) {
  const std::optional<std::string> line = tagged(source, "weft-exec-expect:");
  if (!line) return {};
  std::vector<std::string> kinds;
  std::istringstream rest(*line);
  for (std::string kind; std::getline(rest, kind, '|');) {
    kind.erase(0, kind.find_first_not_of(" \t"));
    kind.erase(kind.find_last_not_of(" \t") + 1);
    kinds.push_back(kind);
  }
  return kinds;
}

/// Whether the source says `// weft-exec-needs: fixed addresses`: its
/// schedules replay only where address randomisation can be turned off.
bool needs_fixed_addresses(const std::string& source) {
  return tagged(source, "weft-exec-needs:") == "fixed addresses";
}

/// Whether the source says `// weft-exec-needs: outside timing`: its
/// finding's schedule depends on real time the program reads where weft
/// does not make it logical (gRPC's threads time their waits with Abseil's
/// clock, on the real cycle counter), which a replay repeats only as far as
/// the machine's load allows: a replay that diverges is tried again, twice
/// at most.
bool depends_on_outside_timing(const std::string& source) {
  return tagged(source, "weft-exec-needs:") == "outside timing";
}

/// The flags of the suppressions file the source names
/// (`// weft-exec-suppressions: FILE`, beside the source: a race of the
/// library it uses, which ThreadSanitizer reports too), or none.
std::vector<std::string> suppression_flags(const std::string& source) {
  const std::optional<std::string> file = tagged(source, "weft-exec-suppressions:");
  if (!file) return {};
  return {"--suppressions", (std::filesystem::path(source).parent_path() / *file).string()};
}

/// A finding's kind, or its sub-kind when it has one ("misuse/double_free").
std::string verdict_of(const nlohmann::json& finding) {
  return finding.value("subkind", finding["kind"].get<std::string>());
}

/// Whether `finding` is one the source announced: its kind, or its sub-kind
/// when the source names one.
bool announced(const std::vector<std::string>& expected, const nlohmann::json& finding) {
  const std::string kind = finding["kind"].get<std::string>();
  const std::string verdict = verdict_of(finding);
  return std::any_of(expected.begin(), expected.end(),
                     [&](const std::string& e) { return e == kind || e == verdict; });
}

/// Runs `binary` under the protocol; the JSON it answered (empty on none).
nlohmann::json run_exec(const std::string& binary, const weft::detail::exec_request& request) {
  const nlohmann::json j = nlohmann::json::parse(weft::detail::exchange_exec_request(binary, request), nullptr, false);
  return j.is_discarded() ? nlohmann::json() : j;
}

/// The schedule replays, under weft exec, to a finding of `kind`.
void expect_replays_to(const program& p, const std::string& schedule, const std::string& kind) {
  weft::detail::exec_request replay;
  replay.replay = schedule;
  replay.flags = {"--watchdog", "3"};
  const int tries = depends_on_outside_timing(p.source) ? 3 : 1;
  nlohmann::json again;
  for (int i = 0; i < tries; ++i) {
    again = run_exec(p.binary, replay);
    const bool diverged = again.contains("result") && !again["result"]["findings"].empty() &&
                          again["result"]["findings"][0]["kind"] == "nondeterminism";
    if (!diverged) break;
  }
  ASSERT_TRUE(again.contains("result")) << p.name << " replay answered " << again.dump();
  ASSERT_FALSE(again["result"]["findings"].empty()) << p.name << ": the schedule did not replay to a finding";
  const nlohmann::json& f = again["result"]["findings"][0];
  EXPECT_EQ(f["kind"].get<std::string>(), kind) << again.dump(1).substr(0, 3000);
  if (f["message"].get<std::string>().starts_with("the program's start-up")) {
    // Before main (instrument/startup_guard.cpp): no thread, no step, but
    // the constructor's line in the program's source.
    ASSERT_FALSE(f["locations"].empty()) << p.name << ": " << f.dump();
    EXPECT_EQ(f["locations"][0]["file"].get<std::string>(), p.source) << p.name;
    return;
  }
  if (kind == "crash" || kind == "hang") {
    // Captured inside the process (explore/death_capture.cpp): the finding
    // names the thread that died and keeps the trace up to its death, where a
    // death the handler did not survive is only "the code under test crashed".
    // (An `exit` finding may be main's return status, with no thread to name.)
    EXPECT_NE(f["message"].get<std::string>().find("thread "), std::string::npos) << p.name << ": " << f["message"];
    const std::string message = f["message"].get<std::string>();
    if (message.find("was killed by") != std::string::npos) {  // names the signal: "was killed by signal 6 (SIGABRT: Aborted)"
      EXPECT_NE(message.find("was killed by signal "), std::string::npos) << p.name << ": " << message;
    }
    if (message.find("SIGABRT") != std::string::npos) {
      // An abort (an assert(), std::terminate) is placed at the program's
      // call on the dying thread's stack: a file the user can open, not
      // glibc's "./assert/assert.c" of its last free before it aborted.
      ASSERT_FALSE(f["locations"].empty()) << p.name << ": " << message;
      const std::string file = f["locations"][0]["file"].get<std::string>();
      EXPECT_TRUE(std::filesystem::exists(file)) << p.name << ": placed at " << file;
    }
    EXPECT_FALSE(f["trace"].empty()) << p.name << ": the death was not captured with its trace";
  }
}

class ExecProgram : public testing::TestWithParam<program> {};

TEST_P(ExecProgram, HasItsExpectedVerdict) {
  const program& p = GetParam();
  const std::vector<std::string> expected = expected_kinds(p.source);
  ASSERT_FALSE(expected.empty()) << p.source << " has no `weft-exec-expect:` line";
  const bool clean = expected.front() == "clean";
  if (needs_fixed_addresses(p.source)) {
    if (const std::string why = weft::detail::fix_address_layout(); !why.empty())
      GTEST_SKIP() << "address randomisation cannot be turned off here (" << why << ")";
  }
  weft::detail::exec_request request;
  // Half a second of shrinking: the shrunk schedule is the one replayed below.
  // A 3 s watchdog (an execution here takes milliseconds) finds the hang
  // sooner than the default 10 s.
  request.flags = {"--strategy", "random", "--iterations", clean ? "100" : "1000", "--seed", "1",
                   "--shrink-time", "0.5", "--watchdog", "3"};
  for (const std::string& flag : suppression_flags(p.source)) request.flags.push_back(flag);
  const nlohmann::json answer = run_exec(p.binary, request);
  ASSERT_TRUE(answer.contains("result")) << p.name << " answered " << answer.dump();
  const nlohmann::json& findings = answer["result"]["findings"];
  if (clean) {
    EXPECT_TRUE(findings.empty()) << p.name << " (correct) got " << findings.dump(1).substr(0, 4000);
    return;
  }
  ASSERT_FALSE(findings.empty()) << p.name << ": no finding in 1,000 executions";
  const std::string kind = findings[0]["kind"].get<std::string>();
  EXPECT_TRUE(announced(expected, findings[0])) << p.name << " found " << verdict_of(findings[0]) << ": "
                                                << findings[0]["message"].get<std::string>();
  // Every place the finding names is the program's or a library's, never a
  // file of weft's own instrumentation standing in for a call the program
  // made: C11's thrd_create and mtx_lock (weft's wrappers of the pthread
  // calls), a thread that GLib's pool, Qt's pool or QThread, oneTBB or a
  // library's pthread_once routine starts for the program's call, a read of
  // a timerfd, a writev, absl::Notification::Notify, and weft's own statics
  // and objects (no step of the program's).
  const auto weft_own = [](const nlohmann::json& place) {
    return place.value("file", std::string()).find("/checker/src/") != std::string::npos;
  };
  for (const nlohmann::json& place : findings[0]["locations"]) {
    EXPECT_FALSE(weft_own(place)) << p.name << ": " << place.dump();
  }
  for (const nlohmann::json& event : findings[0]["trace"]) {
    if (event.contains("location")) {
      EXPECT_FALSE(weft_own(event["location"])) << p.name << ": " << event.dump();
    }
  }
  expect_replays_to(p, findings[0]["schedule"].get<std::string>(), kind);
}

INSTANTIATE_TEST_SUITE_P(Programs, ExecProgram, testing::ValuesIn(listed_programs()),
                         [](const testing::TestParamInfo<program>& param) { return param.param.name; });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(ExecProgram);

// The systematic searches under weft exec, where every execution runs in a
// process of its own and the search's state goes from one to the next
// (strategy::saved_state): on each plain C program, dfs (preemption bound 2)
// explores the whole space of a correct program without a finding and finds
// the bug of a buggy one; ipb and idb, within 300 executions, find the bug,
// and on a correct program stay clean and complete bound 1 at least. Every
// finding's schedule replays to it.
using systematic_case = std::tuple<program, std::string>;

class ExecSystematic : public testing::TestWithParam<systematic_case> {};

TEST_P(ExecSystematic, FindsTheBugOrCoversTheSpace) {
  const auto& [p, strategy] = GetParam();
  const std::vector<std::string> expected = expected_kinds(p.source);
  ASSERT_FALSE(expected.empty()) << p.source << " has no `weft-exec-expect:` line";
  weft::detail::exec_request request;
  request.flags = {"--strategy", strategy, "--iterations", "300", "--shrink-time", "0"};
  const nlohmann::json answer = run_exec(p.binary, request);
  ASSERT_TRUE(answer.contains("result")) << p.name << " answered " << answer.dump();
  const nlohmann::json& findings = answer["result"]["findings"];
  const nlohmann::json& stats = answer["result"]["stats"];
  if (expected.front() == "clean") {
    EXPECT_TRUE(findings.empty()) << p.name << " (correct) got " << findings.dump(1).substr(0, 4000);
    if (strategy == "dfs") {
      EXPECT_TRUE(stats["exhausted"].get<bool>()) << stats.dump();
    } else {
      EXPECT_TRUE(stats["exhausted"].get<bool>() || stats.value("completed_bound", -1) >= 1) << stats.dump();
    }
    EXPECT_GT(stats["executions"].get<std::uint64_t>(), 0u);
    return;
  }
  ASSERT_FALSE(findings.empty()) << p.name << ": no finding by " << strategy << " in 300 executions";
  const std::string kind = findings[0]["kind"].get<std::string>();
  EXPECT_TRUE(announced(expected, findings[0])) << p.name << " found " << verdict_of(findings[0]) << ": "
                                                << findings[0]["message"].get<std::string>();
  expect_replays_to(p, findings[0]["schedule"].get<std::string>(), kind);
}

std::vector<program> plain_c_programs() {
  std::vector<program> c;
  for (const program& p : listed_programs()) {
    if (p.name.rfind("c_", 0) == 0) c.push_back(p);
  }
  return c;
}

INSTANTIATE_TEST_SUITE_P(PlainC, ExecSystematic,
                         testing::Combine(testing::ValuesIn(plain_c_programs()), testing::Values("dfs", "ipb", "idb")),
                         [](const testing::TestParamInfo<systematic_case>& param) {
                           return std::get<0>(param.param).name + "_" + std::get<1>(param.param);
                         });
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(ExecSystematic);

// A write or read on a pipe that goes through at once is a scheduling point
// too: the systematic searches find two senders' records (two writes each)
// interleaving, and cover the space of the twin that writes each record
// whole. Before, the order of such writes was no choice: dfs called the
// buggy one's space exhausted after 2 clean executions.
std::vector<program> listed_programs(std::initializer_list<const char*> names) {
  std::vector<program> found;
  for (const char* name : names) {
    if (std::optional<program> p = listed_program(name)) found.push_back(*p);
  }
  return found;
}

std::string systematic_case_name(const testing::TestParamInfo<systematic_case>& param) {
  return std::get<0>(param.param).name + "_" + std::get<1>(param.param);
}

INSTANTIATE_TEST_SUITE_P(Descriptors, ExecSystematic,
                         testing::Combine(testing::ValuesIn(listed_programs({"own_descriptor_split_records_bug",
                                                                             "own_descriptor_whole_records_ok"})),
                                          testing::Values("dfs", "ipb", "idb")),
                         systematic_case_name);

// flock and open file description locks between threads (file_locks.cpp):
// a blocking lock gives way while another thread holds it, so the
// systematic searches find the shared lock's lost update and the lock-order
// deadlock, and cover the space of the twins (before, the second flock
// waited in the kernel: a hang; the OFD lock's correct twin was a false
// data race at its first execution).
INSTANTIATE_TEST_SUITE_P(FileLocks, ExecSystematic,
                         testing::Combine(testing::ValuesIn(listed_programs(
                                              {"own_flock_shared_counter_bug", "own_flock_shared_counter_ok",
                                               "own_flock_two_files_bug", "own_flock_two_files_ok",
                                               "own_ofd_lock_records_bug", "own_ofd_lock_records_ok",
                                               "own_ofd_lock_two_records_bug", "own_ofd_lock_two_records_ok"})),
                                          testing::Values("dfs", "ipb", "idb")),
                         systematic_case_name);

/// Runs `target` under each strategy with seeds 1-3, 300 executions each:
/// no finding.
void expect_clean_under(const program& target, std::initializer_list<const char*> strategies) {
  for (const char* strategy : strategies) {
    for (const char* seed : {"1", "2", "3"}) {
      weft::detail::exec_request request;
      request.flags = {"--strategy", strategy, "--seed", seed, "--iterations", "300", "--shrink-time", "0"};
      const nlohmann::json answer = run_exec(target.binary, request);
      ASSERT_TRUE(answer.contains("result")) << strategy << " answered " << answer.dump();
      const nlohmann::json& findings = answer["result"]["findings"];
      EXPECT_TRUE(findings.empty()) << strategy << " seed " << seed << " got " << findings.dump(1).substr(0, 2000);
    }
  }
}

// The lock-order detector knows a lock main made on the heap before its
// threads by the order main first used it in, the same in every execution.
// By its address, it was another lock in another execution (weft's own
// allocations move main's heap between executions: the address of the
// third lock main first used differed in 20 ways over 3,600 executions),
// and the correct hand-over-hand list was a lock_order_inversion under 5 of
// these 12 runs.
TEST(ExecLockOrder, LocksMainMadeOnTheHeapAreTheSameInEveryExecution) {
  const std::optional<program> target = listed_program("cpp_lock_coupling_list_ok");
  ASSERT_TRUE(target.has_value());
  expect_clean_under(*target, {"random", "pct", "pos", "surw"});
}

// A QFuture's shared state is counted inside libQt6Core, and its last
// owner clears and deletes the results: often a pool thread, after the
// program took the result and dropped its QFuture. weft follows the count
// (qt_pool.cpp's derefT and ~QFutureInterfaceBase); without it, the clear
// was a false data race with the program's takeResult (measured: found at
// execution 88 under random, 33 under pos, 27 under surw, seed 1).
TEST(ExecQtFuture, TheLastOwnerOfAFutureComesAfterTheOthers) {
  const std::optional<program> target = listed_program("libs_qt_concurrent_last_owner_ok");
  if (!target.has_value()) GTEST_SKIP() << "built without Qt 6 Concurrent";
  expect_clean_under(*target, {"random", "pos", "surw"});
}

// Reference counts kept inside compiled libraries (library_refcounts.cpp):
// the thread that drops the last reference of a GObject, a GHashTable, a
// GBytes, an atomic rc box, a gatomicrefcount of the program's or an
// absl::Status with a message runs the destroy and frees after every other
// thread's use. Before, the three correct programs were a false data_race
// at the first execution under random, pct, pos, surw and dfs; their buggy
// twins (a read after the thread's own drop) are found at the first
// execution by each of those.
TEST(ExecLibraryReferences, TheLastReferenceComesAfterTheOthers) {
  for (const char* name : {"libs_gobject_refs_ok", "libs_glib_counted_ok", "libs_absl_status_copies_ok"}) {
    const std::optional<program> target = listed_program(name);
    if (!target.has_value()) GTEST_SKIP() << name << " not built (GLib's gio-2.0 or Abseil's absl_status missing)";
    expect_clean_under(*target, {"random", "pct", "pos"});
  }
}
INSTANTIATE_TEST_SUITE_P(LibraryReferences, ExecSystematic,
                         testing::Combine(testing::ValuesIn(listed_programs({"libs_gobject_refs_bug",
                                                                             "libs_glib_counted_bug",
                                                                             "libs_absl_status_copies_bug"})),
                                          testing::Values("dfs", "ipb", "idb")),
                         systematic_case_name);

// Mappings (memory_interpose.cpp's munmap, mremap, MAP_FIXED mmap): an
// unmapped page's checked state goes with it, so two threads' scratch
// buffers at one address in turn are no race (before: a false data_race at
// the first execution), and an unmap under a reader is found.
INSTANTIATE_TEST_SUITE_P(MemoryMaps, ExecSystematic,
                         testing::Combine(testing::ValuesIn(listed_programs({"own_mmap_scratch_buffers_ok",
                                                                             "own_mmap_unmapped_under_reader_bug"})),
                                          testing::Values("dfs", "ipb", "idb")),
                         systematic_case_name);

// oneTBB's allocators (tbb_memory.cpp): a block freed into libtbbmalloc's
// pools is kept while the execution runs, as a freed heap block is, so it
// is never another thread's inside it. Before, the two threads' containers
// of tbb_allocators_ok were a false data_race at execution 79 under pos,
// seed 1; its twin (freed before its reader's join) is found at the first
// execution by random, pct, pos, surw and dfs.
TEST(ExecLibraryAllocators, ABlockFreedIntoALibrarysPoolIsNotAnotherThreadsYet) {
  const std::optional<program> target = listed_program("libs_tbb_allocators_ok");
  if (!target.has_value()) GTEST_SKIP() << "built without oneTBB";
  expect_clean_under(*target, {"pos"});
}
INSTANTIATE_TEST_SUITE_P(LibraryAllocators, ExecSystematic,
                         testing::Combine(testing::ValuesIn(listed_programs(
                                              {"libs_tbb_allocators_freed_under_reader_bug"})),
                                          testing::Values("dfs", "ipb", "idb")),
                         systematic_case_name);

// A program linked with jemalloc (memory_interpose.cpp's allocator_free,
// in_tool_code): weft's free gives each block back to the program's own
// allocator, and jemalloc's locks and copies are its own. Before, the
// correct program aborted at its first free (glibc's free of a jemalloc
// block), natively too once built with weft-cc.
INSTANTIATE_TEST_SUITE_P(OtherMalloc, ExecSystematic,
                         testing::Combine(testing::ValuesIn(listed_programs({"libs_jemalloc_heap_handoff_ok",
                                                                             "libs_jemalloc_heap_handoff_bug"})),
                                          testing::Values("dfs", "ipb", "idb")),
                         systematic_case_name);

// GLib's slices (detail::program_defaults: G_SLICE=always-malloc): the
// chunks GLib's own slice allocator handed from one thread to another were
// a false data_race at the first execution under every strategy.
INSTANTIATE_TEST_SUITE_P(GLibSlices, ExecSystematic,
                         testing::Combine(testing::ValuesIn(listed_programs({"libs_glib_slices_ok",
                                                                             "libs_glib_slices_bug"})),
                                          testing::Values("dfs", "ipb", "idb")),
                         systematic_case_name);

// System V message queues and semaphores between threads (sysv_ipc.cpp):
// a call that would wait gives way, so the systematic searches find the
// payload filled after its send and the semaphore that lets two in, and
// cover the space of the twins (before, the first wait held every thread).
INSTANTIATE_TEST_SUITE_P(SystemV, ExecSystematic,
                         testing::Combine(testing::ValuesIn(listed_programs(
                                              {"own_sysv_msg_queue_handoff_bug", "own_sysv_msg_queue_handoff_ok",
                                               "own_sysv_semaphore_lock_bug", "own_sysv_semaphore_lock_ok",
                                               "own_sysv_semaphore_two_locks_bug", "own_sysv_semaphore_two_locks_ok"})),
                                          testing::Values("dfs", "ipb", "idb")),
                         systematic_case_name);

// A correct program that draws its thread count from /dev/urandom:
// clean under every systematic search, which still ends, but which must not
// claim its space covered when executions leave the prefixes they replayed.
// (Either shape takes the search through dozens of executions at least:
// every one of them drawing the same shape is as likely as a coin landing
// the same way dozens of times in a row.)
TEST(ExecNondeterministic, SystematicSearchesMakeNoExhaustiveClaim) {
  const std::optional<program> target = listed_program("cpp_random_thread_count_ok");
  ASSERT_TRUE(target.has_value());
  for (const char* strategy : {"dfs", "ipb"}) {
    weft::detail::exec_request request;
    request.flags = {"--strategy", strategy, "--iterations", "300", "--shrink-time", "0"};
    const nlohmann::json answer = run_exec(target->binary, request);
    ASSERT_TRUE(answer.contains("result")) << strategy << " answered " << answer.dump();
    const nlohmann::json& stats = answer["result"]["stats"];
    EXPECT_TRUE(answer["result"]["findings"].empty()) << strategy << ": " << answer["result"]["findings"].dump(1);
    EXPECT_GT(stats.value("diverged", std::uint64_t{0}), 0u) << strategy << ": " << stats.dump();
    // Where: the main thread at its join (the program's line, not the one in
    // libstdc++ that calls pthread_join), where two workers were recorded
    // and three run now (or the other way round), in a later execution than
    // the first (which replays nothing).
    ASSERT_TRUE(stats.contains("first_divergence")) << strategy << ": " << stats.dump();
    const std::string at = stats["first_divergence"]["at"].get<std::string>();
    EXPECT_NE(at.find("thread 0, at its join ("), std::string::npos) << strategy << ": " << at;
    EXPECT_NE(at.find("/random_thread_count_ok.cpp:"), std::string::npos) << strategy << ": " << at;
    EXPECT_NE(at.find("; now "), std::string::npos) << strategy << ": " << at;
    EXPECT_GE(stats["first_divergence"]["execution"].get<std::uint64_t>(), 2u) << strategy << ": " << at;
    EXPECT_FALSE(stats["exhausted"].get<bool>()) << strategy << ": " << stats.dump();
    EXPECT_EQ(stats.value("completed_bound", -1), -1) << strategy << ": " << stats.dump();
  }
}

// A thread created with a stack size of its own overflows the stack it asked
// for (plus weft's 256 KiB), as on a real thread: the finding says so and
// does not send the user to --stack-size, which does not change that stack.
TEST(ExecStack, AnOverflowOfAStackSizedByThreadAttributesSaysSo) {
  const std::optional<program> target = listed_program("own_thread_stack_overflow_bug");
  ASSERT_TRUE(target.has_value());
  weft::detail::exec_request request;
  request.flags = {"--iterations", "1", "--shrink-time", "0", "--watchdog", "10"};
  const nlohmann::json answer = run_exec(target->binary, request);
  ASSERT_TRUE(answer.contains("result")) << answer.dump();
  ASSERT_FALSE(answer["result"]["findings"].empty());
  const std::string message = answer["result"]["findings"][0]["message"].get<std::string>();
  EXPECT_NE(message.find("the 1280 KiB stack it was created with is exhausted"), std::string::npos) << message;
  EXPECT_EQ(message.find("--stack-size"), std::string::npos) << message;
}

// Volatile accesses are relaxed atomics unless --volatile-plain, which
// judges them as C++ and ThreadSanitizer do: the volatile counter's lost
// update becomes a data race on the counter itself, and Concurrency Kit's
// correct program a finding: its spins on volatile loads reach no
// scheduling point (a hang), or its hand-overs race.
nlohmann::json first_finding_with_plain_volatile(const std::string& name) {
  const std::optional<program> target = listed_program(name);
  if (!target) return {{"missing", name}};
  weft::detail::exec_request request;
  request.flags = {"--strategy", "random", "--iterations", "300", "--seed", "1", "--shrink-time", "0",
                   "--watchdog", "2", "--volatile-plain"};
  const nlohmann::json answer = run_exec(target->binary, request);
  if (!answer.contains("result") || answer["result"]["findings"].empty()) return answer;
  return answer["result"]["findings"][0];
}

TEST(ExecVolatile, PlainVolatileAccessesRaceAsInCxx) {
  const nlohmann::json counter = first_finding_with_plain_volatile("own_volatile_counter_lost_update_bug");
  EXPECT_EQ(counter.value("kind", ""), "data_race") << counter.dump(1).substr(0, 2000);
}

TEST(ExecVolatile, ConcurrencyKitNeedsVolatileAsAtomic) {
  if (!listed_program("libs_ck_sync_ok")) GTEST_SKIP() << "libck-dev not installed";
  const nlohmann::json ck = first_finding_with_plain_volatile("libs_ck_sync_ok");
  const std::string kind = ck.value("kind", "");
  EXPECT_TRUE(kind == "hang" || kind == "data_race") << ck.dump(1).substr(0, 2000);
}

// A finding is shrunk as under weft run, each candidate schedule in a process
// of its own: the deadlock a random search finds amid eight locked counts per
// thread (23 preemptions with this seed) comes back with fewer (11 within the
// default 2 s of shrinking on a loaded 2-core machine), the original schedule
// beside it, and the shrunk schedule replays to it.
/// `name`'s finding under `flags` is of `kind`, shrunk to fewer preemptions,
/// and the shrunk schedule replays to it.
void expect_shrunk(const std::string& name, const std::vector<std::string>& flags, const std::string& kind) {
  const std::optional<program> target = listed_program(name);
  ASSERT_TRUE(target.has_value());
  weft::detail::exec_request request;
  request.flags = flags;
  const nlohmann::json answer = run_exec(target->binary, request);
  ASSERT_TRUE(answer.contains("result")) << answer.dump();
  ASSERT_FALSE(answer["result"]["findings"].empty());
  const nlohmann::json& f = answer["result"]["findings"][0];
  ASSERT_EQ(f["kind"].get<std::string>(), kind) << f.dump(1);
  ASSERT_TRUE(f.contains("original_schedule")) << "not shrunk: " << f.dump(1);
  EXPECT_LT(f["preemptions"].get<std::uint64_t>(), f["original_preemptions"].get<std::uint64_t>());
  weft::detail::exec_request replay;
  replay.replay = f["schedule"].get<std::string>();
  const nlohmann::json again = run_exec(target->binary, replay);
  ASSERT_TRUE(again.contains("result")) << again.dump();
  ASSERT_FALSE(again["result"]["findings"].empty());
  EXPECT_EQ(again["result"]["findings"][0]["kind"].get<std::string>(), kind);
}

TEST(ExecShrink, ADeadlockComesBackWithFewerPreemptions) {
  expect_shrunk("own_lock_cycle_after_work_bug",
                {"--strategy", "random", "--iterations", "1000", "--seed", "1", "--detect=-lock_order_inversion"},
                "deadlock");
}

// A death is shrunk too, each candidate in a process that captures it: an
// assert() that fails (found with 5 preemptions) and a failed GoogleTest
// expectation, an exit status (gMock's InSequence broken by two threads:
// 32 preemptions, shrunk to none).
TEST(ExecShrink, AFailedAssertComesBackWithFewerPreemptions) {
  expect_shrunk("c_atomicity_balance_bug", {"--strategy", "random", "--iterations", "1000", "--seed", "1"}, "crash");
}


// pct, surw and portfolio under weft exec, where every execution runs in a
// process of its own: the first 16 iterations are their warm-up (random walk,
// reported as any other), and the later ones get the profile it measured from
// the supervisor. Without it PCT drew its change points over an execution of
// one step and missed 12 of the 54 buggy programs in 200 executions, this
// torn read among them; now PCT itself finds it after the warm-up (iteration
// 38 with this seed), in the same execution for --jobs 1 and 2.
TEST(ExecWarmUp, PctFindsWithTheMeasuredProfileTheSameForAnyJobs) {
  const std::optional<program> target = listed_program("cpp_seqlock_missing_fence_bug");
  ASSERT_TRUE(target.has_value());
  std::vector<std::string> schedules;
  for (const char* jobs : {"1", "2"}) {
    weft::detail::exec_request request;
    request.flags = {"--strategy", "pct", "--iterations", "200", "--seed", "1", "--shrink-time", "0", "--jobs", jobs};
    const nlohmann::json answer = run_exec(target->binary, request);
    ASSERT_TRUE(answer.contains("result")) << answer.dump();
    const nlohmann::json& findings = answer["result"]["findings"];
    ASSERT_FALSE(findings.empty()) << "pct found nothing in 200 executions with --jobs " << jobs;
    EXPECT_GE(findings[0]["iteration"].get<std::uint64_t>(), 16u) << "found inside the warm-up, not by PCT";
    schedules.push_back(findings[0]["schedule"].get<std::string>());
  }
  EXPECT_EQ(schedules[0], schedules[1]);
}

}  // namespace
