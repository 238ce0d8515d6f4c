// weft exec's speed (issue 15, "Speed"): executions/s of an unmodified
// 2-thread pthread program with 20 scheduling points (bench/exec_program.c,
// instrumented, one fresh process per execution) against the same program
// written with weft primitives under `weft run`'s supervised loop (worker
// processes running many executions each) and in-process (weft::check).
// BM_fork_and_wait is the floor of a process per execution: a fork of this
// benchmark's process whose child exits at once; BM_fork_and_wait_minimal_process
// the same from a static process of a few pages (fork_floor_server.cpp), the
// floor whatever a fork server holds; BM_page_fault_first_write the cost of
// each page an execution's child writes.
#include <benchmark/benchmark.h>
#include <fcntl.h>  // O_CLOEXEC
#include <spawn.h>
#include <sys/mman.h>  // BM_page_fault_first_write
#include <sys/wait.h>  // BM_fork_and_wait
#include <unistd.h>

#include <nlohmann/json.hpp>
#include <string>

#include "instrument/exec_request.hpp"
#include "weft/weft.hpp"

namespace {

constexpr std::uint64_t executions = 200;

void report(benchmark::State& state, std::uint64_t done) {
  state.counters["executions_per_s"] = benchmark::Counter(double(done), benchmark::Counter::kIsRate);
  state.counters["ms_per_execution"] =  // seconds per (executions / 1000)
      benchmark::Counter(double(done) / 1e3, benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}

/// One `weft exec` run of the program through its protocol; the executions it ran.
std::uint64_t exec_run(const std::string& iterations) {
  weft::detail::exec_request request;
  request.flags = {"--strategy", "random", "--iterations", iterations, "--seed", "1"};
  const nlohmann::json j = nlohmann::json::parse(weft::detail::exchange_exec_request(WEFT_EXEC_BENCH_PROGRAM, request), nullptr, false);
  if (j.is_discarded() || !j.contains("result") || !j["result"]["findings"].empty()) return 0;
  return j["result"]["stats"]["executions"].get<std::uint64_t>();
}

void BM_weft_exec_pthread_program(benchmark::State& state) {
  std::uint64_t done = 0;
  for (auto _ : state) {
    const std::uint64_t n = exec_run(std::to_string(executions));
    if (n != executions) state.SkipWithError("weft exec did not run the program cleanly");
    done += n;
  }
  report(state, done);
}
BENCHMARK(BM_weft_exec_pthread_program)->Unit(benchmark::kMillisecond)->UseRealTime();

/// The same program with weft primitives.
void same_program() {
  weft::mutex lock;
  int counter = 0;
  auto work = [&] {
    for (int i = 0; i < 5; i++) {
      lock.lock();
      ++counter;
      lock.unlock();
    }
  };
  weft::thread a(work);
  weft::thread b(work);
  a.join();
  b.join();
  WEFT_ASSERT(counter == 10);
}

void run_check(benchmark::State& state, bool supervised) {
  weft::options o;
  o.strategy = weft::strategy_kind::random;
  o.iterations = executions;
  o.supervised = supervised;
  std::uint64_t done = 0;
  for (auto _ : state) {
    const weft::result r = weft::check(same_program, o);
    if (!r.ok()) state.SkipWithError("a finding in a correct program");
    done += r.stats.executions;
  }
  report(state, done);
}
void BM_weft_run_same_program(benchmark::State& state) { run_check(state, true); }
BENCHMARK(BM_weft_run_same_program)->Unit(benchmark::kMillisecond)->UseRealTime();
void BM_weft_check_same_program(benchmark::State& state) { run_check(state, false); }
BENCHMARK(BM_weft_check_same_program)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_fork_and_wait(benchmark::State& state) {
  for (auto _ : state) {
    const pid_t pid = ::fork();
    if (pid == 0) ::_exit(0);
    int status = 0;
    ::waitpid(pid, &status, 0);
  }
}
BENCHMARK(BM_fork_and_wait)->Unit(benchmark::kMicrosecond)->UseRealTime();

void BM_fork_and_wait_minimal_process(benchmark::State& state) {
  // The server's stdin and stdout are pipes: a byte there and back is one
  // fork and wait in the server.
  int to_server[2];
  int from_server[2];
  // Close-on-exec: the server holds only its own ends, so it sees the end of
  // its input when the benchmark closes the write end.
  if (::pipe2(to_server, O_CLOEXEC) != 0 || ::pipe2(from_server, O_CLOEXEC) != 0) {
    return state.SkipWithError("pipe failed");
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, to_server[0], 0);
  posix_spawn_file_actions_adddup2(&actions, from_server[1], 1);
  char path[] = WEFT_FORK_FLOOR_SERVER;
  char* argv[] = {path, nullptr};
  pid_t server = 0;
  const int spawned = ::posix_spawn(&server, path, &actions, nullptr, argv, environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(to_server[0]);
  ::close(from_server[1]);
  if (spawned != 0) return state.SkipWithError("cannot start " WEFT_FORK_FLOOR_SERVER);
  char byte = 'f';
  for (auto _ : state) {
    if (::write(to_server[1], &byte, 1) != 1 || ::read(from_server[0], &byte, 1) != 1) {
      state.SkipWithError("the fork floor server stopped");
      break;
    }
  }
  ::close(to_server[1]);
  ::close(from_server[0]);
  int status = 0;
  ::waitpid(server, &status, 0);
  report(state, state.iterations());
}
BENCHMARK(BM_fork_and_wait_minimal_process)->Unit(benchmark::kMicrosecond)->UseRealTime();

/// A page of anonymous memory written for the first time: the fault a
/// child pays for each page it writes (a copy-on-write fault of a page the
/// fork server had costs the same order). One execution of weft exec takes
/// about 80 page faults (perf stat -e page-faults over a run), so on a
/// machine where this is microseconds they are a large share of it.
void BM_page_fault_first_write(benchmark::State& state) {
  constexpr std::size_t pages = 1024;
  const auto page = static_cast<std::size_t>(::sysconf(_SC_PAGESIZE));
  for (auto _ : state) {
    auto* memory = static_cast<char*>(
        ::mmap(nullptr, pages * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0));
    if (memory == MAP_FAILED) return state.SkipWithError("mmap failed");
    for (std::size_t i = 0; i < pages; ++i) memory[i * page] = 1;
    benchmark::ClobberMemory();
    state.PauseTiming();  // the munmap (and its TLB shootdown) is not the fault's
    ::munmap(memory, pages * page);
    state.ResumeTiming();
  }
  state.counters["ns_per_fault"] =
      benchmark::Counter(double(state.iterations() * pages), benchmark::Counter::kIsRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_page_fault_first_write)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
