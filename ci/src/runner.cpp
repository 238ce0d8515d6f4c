// ci/src/runner.cpp — running a Google Benchmark program (posix_spawn) and reading its JSON.
#include "weft/gate/runner.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <csignal>
#include <thread>
#include <cstring>
#include <stdexcept>
#include <system_error>

extern char** environ;  // NOLINT: POSIX

namespace weft::gate {
namespace {

std::string shortest(double value) {
  char buffer[64];
  const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

std::filesystem::path temporary_json() {
  static std::atomic<unsigned> counter{0};
  return std::filesystem::temp_directory_path() /
         ("weft-bench-" + std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".json");
}

/// Removes a temporary file when it goes out of scope (the gate made it).
struct remove_on_exit {
  std::filesystem::path path;
  ~remove_on_exit() {
    if (path.empty()) return;
    std::error_code ignored;
    std::filesystem::remove(path, ignored);
  }
};

/// posix_spawn file actions that send the child's stdout to /dev/null.
class quiet_stdout {
 public:
  quiet_stdout() {
    if (::posix_spawn_file_actions_init(&actions_) != 0) throw std::runtime_error("posix_spawn_file_actions_init failed");
    ::posix_spawn_file_actions_addopen(&actions_, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  }
  ~quiet_stdout() { ::posix_spawn_file_actions_destroy(&actions_); }
  quiet_stdout(const quiet_stdout&) = delete;
  quiet_stdout& operator=(const quiet_stdout&) = delete;
  const posix_spawn_file_actions_t* get() const { return &actions_; }

 private:
  posix_spawn_file_actions_t actions_{};
};

/// Waits for `pid` at most `timeout_seconds` (0: no limit); kills and reaps
/// it when the time is up. Returns false when it was killed for the timeout.
bool wait_with_timeout(pid_t pid, const std::string& program, double timeout_seconds, int& status) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                                               std::chrono::duration<double>(timeout_seconds));
  for (;;) {
    const pid_t done = ::waitpid(pid, &status, timeout_seconds > 0 ? WNOHANG : 0);
    if (done == pid) return true;
    if (done < 0 && errno != EINTR) {
      throw std::runtime_error("waiting for benchmark program " + program + ": " + std::strerror(errno));
    }
    if (timeout_seconds > 0 && std::chrono::steady_clock::now() >= deadline) {
      ::kill(pid, SIGKILL);
      while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
      }
      return false;
    }
    if (done == 0) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

/// Runs argv to completion; throws a one-line error unless it exits with 0.
void run_to_completion(const std::vector<std::string>& args, double timeout_seconds) {
  std::vector<char*> argv;
  for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));  // posix_spawn's signature
  argv.push_back(nullptr);
  const std::string& program = args.front();
  const bool search_path = program.find('/') == std::string::npos;

  quiet_stdout actions;
  pid_t pid = 0;
  const int error = search_path ? ::posix_spawnp(&pid, program.c_str(), actions.get(), nullptr, argv.data(), environ)
                                : ::posix_spawn(&pid, program.c_str(), actions.get(), nullptr, argv.data(), environ);
  if (error != 0) throw std::runtime_error("cannot start benchmark program " + program + ": " + std::strerror(error));

  int status = 0;
  if (!wait_with_timeout(pid, program, timeout_seconds, status)) {
    throw std::runtime_error("benchmark program " + program + " did not finish within " + shortest(timeout_seconds) +
                             " s and was killed (the gate's benchmark timeout)");
  }
  if (WIFSIGNALED(status)) {
    throw std::runtime_error("benchmark program " + program + " was killed by signal " +
                             std::to_string(WTERMSIG(status)) + " (" + ::strsignal(WTERMSIG(status)) + ")");
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    throw std::runtime_error("benchmark program " + program + " exited with status " +
                             std::to_string(WEXITSTATUS(status)));
  }
}

}  // namespace

std::vector<std::string> benchmark_arguments(const bench_options& options, const std::filesystem::path& out_json) {
  std::vector<std::string> args{
      options.program.string(),
      "--benchmark_format=json",
      "--benchmark_out=" + out_json.string(),
      "--benchmark_out_format=json",
      "--benchmark_repetitions=" + std::to_string(options.repetitions),
      "--benchmark_min_time=" + shortest(options.min_time),
  };
  if (!options.filter.empty()) args.push_back("--benchmark_filter=" + options.filter);
  return args;
}

bench_run run_benchmarks(const bench_options& options) {
  if (options.program.empty()) throw std::runtime_error("no benchmark program given");
  if (options.repetitions < 1) throw std::runtime_error("repetitions must be at least 1");
  if (!(options.min_time > 0)) throw std::runtime_error("min_time must be more than 0 seconds");

  remove_on_exit temporary;
  std::filesystem::path out = options.out_json;
  if (out.empty()) {
    out = temporary_json();
    temporary.path = out;
  } else {
    std::error_code ignored;
    std::filesystem::remove(out, ignored);  // never read a previous run's file
  }
  run_to_completion(benchmark_arguments(options, out), options.timeout_seconds);
  return read_benchmark_json(out);
}

}  // namespace weft::gate
