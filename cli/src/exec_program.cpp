// exec_program.cpp — see exec_program.hpp.
#include "exec_program.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include "common.hpp"
#include "instrument/exec_request.hpp"
#include "weft/interrupt.hpp"

extern char** environ;

namespace weft::cli {
namespace {

using wall = std::chrono::steady_clock;

/// GoogleTest's rule (gtest.cc, kDisableTestFilter "DISABLED_*:*/DISABLED_*").
bool disabled_name(std::string_view name) {
  return name.starts_with("DISABLED_") || name.find("/DISABLED_") != std::string_view::npos;
}

/// Whether `argv` or the environment turns --gtest_also_run_disabled_tests on
/// (a bool flag of GoogleTest's: given alone, or with a value not 0/f/F).
bool also_run_disabled(const std::vector<std::string>& argv) {
  const auto on = [](std::string_view value) {
    return !(value == "0" || value.starts_with('f') || value.starts_with('F'));
  };
  bool result = false;
  if (const char* e = std::getenv("GTEST_ALSO_RUN_DISABLED_TESTS"); e != nullptr) result = on(e);
  constexpr std::string_view flag = "--gtest_also_run_disabled_tests";
  for (const std::string& a : argv) {
    if (a == flag) result = true;
    if (a.starts_with(flag) && a.size() > flag.size() && a[flag.size()] == '=') result = on(a.substr(flag.size() + 1));
  }
  return result;
}

std::string status_words(int status) {
  if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return "was killed by signal " + std::to_string(WTERMSIG(status));
  return "stopped";
}

}  // namespace

bool file_holds(const std::string& path, std::string_view needle) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw input_error("PROGRAM '" + path + "': cannot be read");
  std::string window;  // the end of the previous chunk, so a needle across chunks is seen
  std::string chunk(1 << 16, '\0');
  while (in) {
    in.read(chunk.data(), std::streamsize(chunk.size()));
    window.append(chunk.data(), std::size_t(in.gcount()));
    if (window.find(needle) != std::string::npos) return true;
    if (window.size() >= needle.size()) window.erase(0, window.size() - (needle.size() - 1));
  }
  return false;
}

namespace {

/// Calls `f(line)` for each line of `text`, without its '\n' nor a '\r' before it.
template <class F>
void for_each_line(std::string_view text, F&& f) {
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t end = std::min(text.find('\n', at), text.size());
    std::string_view line = text.substr(at, end - at);
    at = end + 1;
    if (line.ends_with('\r')) line.remove_suffix(1);
    if (!f(line)) return;
  }
}

/// The stdout of the `what` ("a Catch2 program") at `path` run natively with
/// `argv` and `flag` (its listing flag); an input_error naming the flag when
/// it fails. `any_exit`: its exit status is not a failure.
std::string listing_of(const std::string& path, const std::vector<std::string>& argv, const char* flag,
                       const char* what, double timeout_seconds, bool any_exit = false) {
  std::vector<std::string> words = argv;
  words.emplace_back(flag);
  return native_output(path, words, timeout_seconds,
                       "PROGRAM '" + argv.front() + "' (" + what + ") could not list its tests with " + flag + ": ",
                       any_exit);
}

/// `tests`, or an input_error when there are none.
std::vector<std::string> some_tests(std::vector<std::string> tests, const std::vector<std::string>& argv,
                                    const char* what) {
  if (tests.empty()) throw input_error("PROGRAM '" + argv.front() + "' (" + what + ") lists no test to run");
  return tests;
}

}  // namespace

bool is_gtest_program(const std::string& path) {
  return file_holds(path, "gtest_list_tests") || file_holds(path, "libgtest.so");
}

std::vector<std::string> without_gtest_filter(const std::vector<std::string>& args) {
  std::vector<std::string> out;
  for (const std::string& a : args)
    if (!a.starts_with(gtest_filter_flag)) out.push_back(a);
  return out;
}

std::vector<std::string> parse_gtest_listing(std::string_view listing, bool with_disabled) {
  // The listing: "Suite." lines (maybe followed by "  # TypeParam = ..."),
  // each followed by its tests indented by two spaces ("  Name", maybe
  // followed by "  # GetParam() = ..."). Anything else ends a suite.
  std::vector<std::string> tests;
  std::string suite;
  const auto first_word = [](std::string_view line) {
    const auto begin = line.find_first_not_of(" \t");
    if (begin == std::string_view::npos) return std::string_view();
    line.remove_prefix(begin);
    return line.substr(0, line.find_first_of(" \t"));
  };
  for_each_line(listing, [&](std::string_view line) {
    const std::string_view word = first_word(line);
    if (line.starts_with("  ") && !suite.empty()) {
      if (word.empty() || word.starts_with('#')) return true;
      if (with_disabled || (!disabled_name(suite) && !disabled_name(word)))
        tests.push_back(suite + "." + std::string(word));
      return true;
    }
    suite.clear();
    if (!line.starts_with(' ') && word.size() > 1 && word.ends_with('.')) suite = word.substr(0, word.size() - 1);
    return true;
  });
  return tests;
}

std::string native_output(const std::string& path, const std::vector<std::string>& argv, double timeout_seconds,
                          const std::string& failure, bool any_exit) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
  // Natively: not under weft, so without the request (should weft's own environment hold one).
  const std::string prefix = std::string(detail::exec_request_env) + "=";
  std::vector<char*> env;
  for (char** e = environ; e != nullptr && *e != nullptr; ++e)
    if (std::strncmp(*e, prefix.c_str(), prefix.size()) != 0) env.push_back(*e);
  env.push_back(nullptr);
  std::vector<std::string> words = argv;
  std::vector<char*> args;
  for (std::string& w : words) args.push_back(w.data());
  args.push_back(nullptr);
  pid_t pid = -1;
  const int err = ::posix_spawn(&pid, path.c_str(), &actions, nullptr, args.data(), env.data());
  posix_spawn_file_actions_destroy(&actions);
  ::close(fds[1]);
  if (err != 0) {
    ::close(fds[0]);
    throw input_error(failure + std::strerror(err));
  }
  const auto deadline =
      wall::now() + std::chrono::duration_cast<wall::duration>(std::chrono::duration<double>(timeout_seconds));
  std::string out;
  bool timed_out = false;
  int sig = 0;
  for (;;) {
    if ((sig = interrupt_signal()) != 0) break;
    if (wall::now() >= deadline) {
      timed_out = true;
      break;
    }
    pollfd p{fds[0], POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    char buf[4096];
    const ssize_t n = ::read(fds[0], buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // the end: every writer gone
    out.append(buf, std::size_t(n));
  }
  ::close(fds[0]);
  int status = 0;
  // Its stdout closed: it is ending. Give it the rest of the time, then kill it.
  while (!timed_out && sig == 0 && ::waitpid(pid, &status, WNOHANG) == 0) {
    if ((sig = interrupt_signal()) != 0) break;
    if (wall::now() >= deadline)
      timed_out = true;
    else
      ::usleep(10'000);
  }
  if (timed_out || sig != 0) {
    ::kill(pid, SIGKILL);
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
  }
  if (sig != 0) throw interrupted(sig);
  if (timed_out) throw input_error(failure + fmt::format("no end within {:g} s: killed it", timeout_seconds));
  if (!WIFEXITED(status) || (WEXITSTATUS(status) != 0 && !any_exit)) throw input_error(failure + "it " + status_words(status));
  return out;
}

std::vector<std::string> list_gtest_tests(const std::string& path, const std::vector<std::string>& argv,
                                          double timeout_seconds) {
  constexpr const char* what = "a GoogleTest program";
  std::vector<std::string> tests =
      parse_gtest_listing(listing_of(path, argv, "--gtest_list_tests", what, timeout_seconds), also_run_disabled(argv));
  if (tests.empty()) {
    std::string filter;
    for (const std::string& a : argv)
      if (a.starts_with(gtest_filter_flag)) filter = a;
    throw input_error("PROGRAM '" + argv.front() + "' (" + what + ") lists no test to run" +
                      (filter.empty() ? "" : " with " + filter));
  }
  return tests;
}

bool is_catch2_program(const std::string& path) { return file_holds(path, "--list-test-names-only"); }

std::vector<std::string> parse_catch2_listing(std::string_view listing) {
  std::vector<std::string> names;
  for_each_line(listing, [&](std::string_view line) {
    if (line.size() > 2 && line.starts_with("\"#") && line.ends_with('"')) line = line.substr(1, line.size() - 2);
    if (!line.empty()) names.emplace_back(line);
    return true;
  });
  return names;
}

std::string catch2_test_spec(std::string_view name) {
  std::string spec;
  for (const char c : name) {
    if (c == ',' || c == '[' || c == '"' || c == '*' || c == '~' || c == '\\') spec += '\\';
    spec += c;
  }
  return spec;
}

bool is_doctest_program(const std::string& path) { return file_holds(path, "dt-list-test-cases"); }

std::vector<std::string> parse_doctest_listing(std::string_view listing) {
  std::vector<std::string> names;
  enum { before, first_rule, in_names } state = before;
  for_each_line(listing, [&](std::string_view line) {
    const bool rule = line.size() >= 10 && line.find_first_not_of('=') == std::string_view::npos;
    if (state == before) {
      if (line == "[doctest] listing all test case names") state = first_rule;
    } else if (state == first_rule) {
      if (rule) state = in_names;
    } else if (rule) {
      return false;
    } else if (!line.empty()) {
      names.emplace_back(line);
    }
    return true;
  });
  return names;
}

std::string doctest_test_filter(std::string_view name) {
  std::string filter;
  for (const char c : name) {
    if (c == ',') filter += '\\';
    filter += c == '\\' ? '?' : c;
  }
  return filter;
}

std::vector<std::string> list_doctest_tests(const std::string& path, const std::vector<std::string>& argv,
                                            double timeout_seconds) {
  constexpr const char* what = "a doctest program";
  return some_tests(parse_doctest_listing(listing_of(path, argv, "--list-test-cases", what, timeout_seconds)), argv,
                    what);
}

std::vector<std::string> list_catch2_tests(const std::string& path, const std::vector<std::string>& argv,
                                           double timeout_seconds) {
  constexpr const char* what = "a Catch2 program";
  // Catch2 exits with the number of test cases it listed.
  return some_tests(
      parse_catch2_listing(listing_of(path, argv, "--list-test-names-only", what, timeout_seconds, true)), argv,
      what);
}

}  // namespace weft::cli
