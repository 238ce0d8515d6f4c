// weft exec [flags] -- PROGRAM ARGS...: runs an ordinary program built with
// weft's instrumentation (weft-c++, weft_instrument()) as one checked
// scenario, `exec/<basename of PROGRAM>`, expected clean. The program does
// the checking itself (its runtime makes main() the scenario's body); this
// command hands it the scheduler flags through WEFT_EXEC_REQUEST, reads its
// one-line answer from a pipe (checker/src/instrument/exec_request.hpp) and
// reports it as `weft run` reports a scenario. With --replay SCHEDULE, like
// `weft replay`: exit 0 when the schedule reproduced a finding, 1 when not.
// A GoogleTest program (exec_program.hpp) is listed natively first and each
// of its tests checked as a scenario of its own, `exec/<basename>/<Suite.Name>`,
// by starting it once per test with --gtest_filter=<Suite.Name>.
#include <fcntl.h>
#include <fmt/format.h>
#include <poll.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <optional>

#include "commands.hpp"
#include "common.hpp"
#include "exec_program.hpp"
#include "instrument/exec_request.hpp"
#include "numbers.hpp"
#include "scheduler_flags.hpp"
#include "shard.hpp"
#include "weft/interrupt.hpp"
#include "weft/result_json.hpp"

extern char** environ;

namespace weft::cli {
namespace {

using wall = std::chrono::steady_clock;

/// Without a --time budget, how long the program may take to answer.
constexpr double default_answer_seconds = 600;
/// With a budget: what the program may take beyond it (start-up, shrinking, reporting).
constexpr double answer_margin_seconds = 120;

/// The file execvp would start for `name` (searched in PATH when it has no
/// '/'); an input_error when there is none or it is not an executable file.
std::string resolve_program(const std::string& name) {
  const auto check = [](const std::string& path) -> std::string {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return "no such file";
    if (!S_ISREG(st.st_mode)) return "not a regular file";
    if (::access(path.c_str(), X_OK) != 0) return "not executable";
    return {};
  };
  if (name.empty()) throw input_error("weft exec: PROGRAM is empty");
  if (name.find('/') != std::string::npos) {
    if (const std::string problem = check(name); !problem.empty())
      throw input_error("PROGRAM '" + name + "': " + problem);
    return name;
  }
  const char* path = std::getenv("PATH");
  std::string dirs = path != nullptr ? path : "/usr/local/bin:/usr/bin:/bin";
  for (std::size_t at = 0; at <= dirs.size();) {
    const std::size_t end = std::min(dirs.find(':', at), dirs.size());
    const std::string dir = end > at ? dirs.substr(at, end - at) : ".";
    const std::string candidate = dir + "/" + name;
    if (check(candidate).empty()) return candidate;
    at = end + 1;
  }
  throw input_error("PROGRAM '" + name + "': no executable file of that name in PATH");
}

/// The scheduler flags the user gave, as command-line words ("--strategy",
/// "--strategy=pct", "--keep-going", ...), from what CLI11 parsed: long
/// names, each value as written.
std::vector<std::string> given_flags(const std::vector<const CLI::Option*>& scheduler_options) {
  std::vector<std::string> out;
  for (const CLI::Option* o : scheduler_options) {
    if (o->count() == 0 || o->get_lnames().empty()) continue;
    const std::string name = "--" + o->get_lnames().front();
    if (o->get_expected_min() == 0) {  // a flag: given means on, unless written --flag=false
      const auto& r = o->results();
      if (r.empty() || (r.back() != "false" && r.back() != "0" && r.back() != "-1")) out.push_back(name);
      continue;
    }
    for (const std::string& value : o->results()) out.push_back(name + "=" + value);  // "=": a value may start with '-'
  }
  return out;
}

std::string signal_text(int sig) {
  const char* name = ::strsignal(sig);
  return "signal " + std::to_string(sig) + (name != nullptr ? " (" + std::string(name) + ")" : "");
}

/// What a wait status says, for an error line: "exited with status 1", "was killed by signal 11 (...)".
std::string status_text(int status) {
  if (WIFEXITED(status)) return "exited with status " + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) return "was killed by " + signal_text(WTERMSIG(status));
  return "stopped";
}

/// A started program, its answer pipe, and the wait for both.
struct program_child {
  pid_t pid = -1;
  int answer_fd = -1;
  std::string line;           // the answer, without its newline
  bool answered = false;      // a whole line (or the end of the pipe after some text)
  std::optional<int> status;  // once reaped
  bool timed_out = false;

  ~program_child() {
    if (answer_fd >= 0) ::close(answer_fd);
    if (pid > 0 && !status) {
      ::kill(pid, SIGKILL);
      int s = 0;
      ::waitpid(pid, &s, 0);
    }
  }

  void reap(int options) {
    if (status) return;
    int s = 0;
    pid_t r = 0;
    do r = ::waitpid(pid, &s, options);
    while (r < 0 && errno == EINTR);
    if (r == pid) status = s;
  }

  /// Reads what is in the pipe now; false at its end (every writer gone).
  bool read_available() {
    char buf[65536];
    for (;;) {
      const ssize_t n = ::read(answer_fd, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return true;  // EAGAIN: nothing more for now
      if (n == 0) return false;
      const std::size_t searched = line.size();  // a long answer (a big trace) comes in many reads: only the new bytes are looked at
      line.append(buf, std::size_t(n));
      if (const auto nl = line.find('\n', searched); nl != std::string::npos) {
        line.resize(nl);
        answered = true;
        return false;
      }
    }
  }

  /// Passes SIGINT/SIGTERM on to the program (its runtime stops its own
  /// workers), gives it a few seconds, kills it, and throws weft::interrupted.
  void stop_if_interrupted() {
    const int sig = interrupt_signal();
    if (sig == 0) return;
    ::kill(pid, sig);
    const auto give_up = wall::now() + std::chrono::seconds(5);
    while (!status && wall::now() < give_up) {
      reap(WNOHANG);
      if (!status) ::usleep(20'000);
    }
    throw interrupted(sig);  // ~program_child kills and reaps it if it is still there
  }

  /// Waits for the answer line and the program's end, killing it at `deadline`.
  void wait(wall::time_point deadline) {
    for (;;) {
      stop_if_interrupted();
      pollfd p{answer_fd, POLLIN, 0};
      if (::poll(&p, 1, 100) > 0 && !read_available()) break;  // the answer, or the end of the pipe
      reap(WNOHANG);
      if (status) {  // gone: what it wrote is in the pipe (its own children may still hold the pipe open)
        read_available();
        break;
      }
      if (wall::now() >= deadline) {
        timed_out = true;
        break;
      }
    }
    if (!answered && !line.empty() && !timed_out) answered = true;  // a last line without its newline
    while (!status && !timed_out) {
      stop_if_interrupted();
      reap(WNOHANG);
      if (status) break;
      if (wall::now() >= deadline)
        timed_out = true;
      else
        ::usleep(20'000);
    }
    if (!status) {
      ::kill(pid, SIGKILL);
      reap(0);
    }
  }
};

/// Starts `argv` (the file `path`) with WEFT_EXEC_REQUEST holding `request`
/// (its result_fd filled in here) and without the variables `drop`
/// ("NAME="); its stdin, stdout and stderr are weft's.
void start_program(program_child& c, const std::string& path, const std::vector<std::string>& argv,
                   detail::exec_request request, const std::vector<std::string_view>& drop) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  c.answer_fd = fds[0];
  // The write end stays open across exec in the program only: weft closes its copy once it is started.
  if (::fcntl(fds[1], F_SETFD, 0) != 0) {
    ::close(fds[1]);
    throw std::runtime_error(std::string("fcntl: ") + std::strerror(errno));
  }
  request.result_fd = fds[1];
  const std::string variable = std::string(detail::exec_request_env) + "=" + detail::encode_exec_request(request);
  std::vector<char*> env;
  const std::string prefix = std::string(detail::exec_request_env) + "=";
  for (char** e = environ; e != nullptr && *e != nullptr; ++e) {
    const std::string_view entry = *e;
    if (entry.starts_with(prefix)) continue;
    if (std::none_of(drop.begin(), drop.end(), [&](std::string_view d) { return entry.starts_with(d); }))
      env.push_back(*e);
  }
  env.push_back(const_cast<char*>(variable.c_str()));
  std::vector<std::string> defaults;  // detail::program_defaults the environment does not set
  for (const detail::program_default& d : detail::program_defaults) {
    if (std::getenv(d.name) == nullptr) defaults.push_back(std::string(d.name) + "=" + d.value);
  }
  for (std::string& d : defaults) env.push_back(d.data());
  env.push_back(nullptr);
  std::vector<char*> args;
  for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  const int err = ::posix_spawn(&c.pid, path.c_str(), nullptr, nullptr, args.data(), env.data());
  ::close(fds[1]);
  if (err != 0) {
    c.pid = -1;
    throw input_error("PROGRAM '" + argv[0] + "' could not be started: " + std::strerror(err));
  }
  ::fcntl(c.answer_fd, F_SETFL, ::fcntl(c.answer_fd, F_GETFL) | O_NONBLOCK);
}

std::string shell_words(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : " ") + reports::shell_word(w);
  return out;
}

/// The program's error line, or a description of the answer's absence; exit 2 or 3.
struct program_failed : std::runtime_error {
  int status;
  std::string unsupported;  // the call weft exec does not follow ("fork()"), when that ended it
  program_failed(const std::string& what, int s, std::string call = {})
      : std::runtime_error(what), status(s), unsupported(std::move(call)) {}
};

struct exec_flags {
  scheduler_flags scheduler;
  std::vector<const CLI::Option*> scheduler_options;  // those add_scheduler_flags added
  report_flags reports;
  std::string replay;
  std::string shard;
  double answer_timeout = 0;
  std::vector<std::string> command;  // PROGRAM ARGS...
};

/// Without --answer-timeout, how long a GoogleTest program may take to list its tests.
constexpr double default_listing_seconds = 60;

/// One start of the program under the protocol: the result it answers; a
/// program_failed when it answers none or an error.
result ask(const std::string& path, const std::vector<std::string>& command, const detail::exec_request& request,
           double wait_seconds, bool gtest) {
  program_child c;
  // A test run with --gtest_filter selecting it, but in GoogleTest's shard
  // 2 of 3 (a sharded CI job), would run nothing and be found clean.
  static const std::vector<std::string_view> gtest_sharding{"GTEST_SHARD_INDEX=", "GTEST_TOTAL_SHARDS="};
  start_program(c, path, command, request, gtest ? gtest_sharding : std::vector<std::string_view>{});
  c.wait(wall::now() + std::chrono::duration_cast<wall::duration>(std::chrono::duration<double>(wait_seconds)));

  const std::string who = "PROGRAM '" + command.front() + "'";
  if (!c.answered) {
    if (c.timed_out)
      throw program_failed(who + " gave no answer within " + fmt::format("{:g} s", wait_seconds) + ": killed it",
                           internal);
    throw program_failed(who + " " + status_text(*c.status) + " before answering", internal);
  }
  const nlohmann::json answer = nlohmann::json::parse(c.line, nullptr, false);
  if (answer.is_object() && answer.contains("error") && answer["error"].is_string()) {
    // The answer's own "status" when it gives one (a program that dies after
    // answering, as the runtime does on fork(), cannot exit with it), else
    // the program's exit status.
    const bool says = answer.contains("status") && answer["status"].is_number_integer() &&
                      (answer["status"].get<int>() == usage || answer["status"].get<int>() == internal);
    const int code = says ? answer["status"].get<int>()
                          : c.status && WIFEXITED(*c.status) && WEXITSTATUS(*c.status) == usage ? usage : internal;
    std::string message = answer["error"].get<std::string>();
    std::replace(message.begin(), message.end(), '\n', ' ');
    const std::string call =
        answer.contains("unsupported") && answer["unsupported"].is_string() ? answer["unsupported"].get<std::string>() : "";
    throw program_failed(who + ": " + message, code, call);
  }
  if (!answer.is_object() || !answer.contains("result")) {
    throw program_failed(who + " answered something that is not a weft answer: " + c.line.substr(0, 200), internal);
  }
  try {
    return result_from_json(json_cursor(answer["result"], "result"));
  } catch (const malformed_json& e) {
    throw program_failed(who + " answered a malformed result: " + e.what(), internal);
  }
}

/// What one scenario of the run starts: the whole program, or one test of a GoogleTest program.
struct exec_unit {
  std::string name;                  // exec/<basename>, exec/<basename>/<Suite.Name>
  std::vector<std::string> command;  // PROGRAM ARGS..., for a test with --gtest_filter=<Suite.Name>
  test_framework framework = test_framework::none;  // whose test this unit runs, if any
  std::string test;  // <Suite.Name> for GoogleTest, the test case's name for Catch2 and doctest
};

/// The scenarios of `command`: the program itself, or each of its GoogleTest
/// tests, or each test case of a Catch2 or doctest program run with no
/// arguments (its arguments are test specs and options weft would have to
/// understand: with any, the program is one scenario).
std::vector<exec_unit> units_of(const std::string& path, const std::vector<std::string>& command, bool replaying,
                                double listing_seconds) {
  const std::string& program = command.front();
  const std::string name = "exec/" + program.substr(program.find_last_of('/') + 1);
  // A test framework's program: each listed test a unit, started by `select(test)`.
  const auto per_test = [&](const std::vector<std::string>& tests, const char* how_to_select, auto&& select) {
    if (replaying && tests.size() != 1) {
      throw input_error("weft exec --replay runs one test: PROGRAM '" + program + "' lists " +
                        std::to_string(tests.size()) + " (" + how_to_select + ")");
    }
    std::vector<exec_unit> units;
    for (const std::string& test : tests) units.push_back(select(test));
    return units;
  };
  if (command.size() == 1 && is_catch2_program(path)) {
    return per_test(list_catch2_tests(path, command, listing_seconds), "give the test case's name after PROGRAM",
                    [&](const std::string& c) {
                      return exec_unit{name + "/" + c, {program, catch2_test_spec(c)}, test_framework::catch2, c};
                    });
  }
  if (command.size() == 1 && is_doctest_program(path)) {
    return per_test(list_doctest_tests(path, command, listing_seconds), "give --test-case=NAME after PROGRAM",
                    [&](const std::string& c) {
                      return exec_unit{name + "/" + c,
                                       {program, "--test-case=" + doctest_test_filter(c), "--case-sensitive=true"},
                                       test_framework::doctest, c};
                    });
  }
  if (!is_gtest_program(path)) return {{name, command}};
  const std::vector<std::string> args = without_gtest_filter(command);
  return per_test(list_gtest_tests(path, command, listing_seconds), "give --gtest_filter=Suite.Name selecting one",
                  [&](const std::string& test) {
                    exec_unit u{name + "/" + test, args, test_framework::gtest, test};
                    u.command.push_back(std::string(gtest_filter_flag) + test);
                    return u;
                  });
}

/// The --gtest_filter that runs what `command`'s own filter runs (every
/// test without one) except `left_out`: GoogleTest's POSITIVE-NEGATIVE form.
std::string filter_leaving_out(const std::vector<std::string>& command, const std::vector<std::string>& left_out) {
  std::string given;
  for (const std::string& a : command) {
    if (a.starts_with(gtest_filter_flag)) given = a.substr(gtest_filter_flag.size());
  }
  std::string out(gtest_filter_flag);
  out += given;
  out += given.find('-') == std::string::npos ? "-" : ":";
  for (std::size_t i = 0; i < left_out.size(); ++i) out += (i > 0 ? ":" : "") + left_out[i];
  return out;
}

/// A GoogleTest program's tests that called what weft exec does not follow
/// (a death test's fork() or clone()), each with that call: the run goes on
/// with the others, and ends with one line naming these, exit 2.
struct refused_test {
  std::string test;
  std::string call;
};

std::string refused_line(const std::vector<refused_test>& refused, std::size_t tests,
                         const std::vector<std::string>& command) {
  std::string names;
  std::vector<std::string> left_out;
  for (const refused_test& r : refused) {
    names += (names.empty() ? "" : ", ") + r.test + " calls " + r.call;
    left_out.push_back(r.test);
  }
  return fmt::format(
      "{} of {} tests could not be checked ({}, which weft exec does not follow: one process per execution; "
      "GoogleTest's death tests fork or clone); the others' verdicts and reports are above: leave these out with {}",
      refused.size(), tests, names, reports::shell_word(filter_leaving_out(command, left_out)));
}

/// `flags` (as given_flags spells them) with the --time budget `seconds` instead of the user's.
std::vector<std::string> with_time(std::vector<std::string> flags, double seconds) {
  std::erase_if(flags, [](const std::string& w) { return w.starts_with("--time="); });
  flags.push_back(fmt::format("--time={}", seconds));
  return flags;
}

/// A test framework's failed assertion ends its program with a status of its
/// own: GoogleTest's RUN_ALL_TESTS returns 1, Catch2 the count of failed
/// assertions, doctest 1 (any non-zero status is taken for Catch2's and
/// doctest's). Says so first among the exit finding's details, before the
/// program's output in its replay (which has the framework's message).
void explain_exit(result& r, test_framework framework) {
  const char* detail = nullptr;
  bool any_status = false;
  switch (framework) {
    case test_framework::none:
      return;
    case test_framework::gtest:
      detail = "a GoogleTest assertion failed (EXPECT_*/ASSERT_*; the test returned 1): its message is in the program's "
               "output";
      break;
    case test_framework::catch2:
      detail = "a Catch2 assertion failed (REQUIRE/CHECK; the program exits with the number that failed): its message "
               "is in the program's output";
      any_status = true;
      break;
    case test_framework::doctest:
      detail = "a doctest assertion failed (REQUIRE/CHECK; the program exits with 1): its message is in the program's "
               "output";
      any_status = true;
      break;
  }
  constexpr std::string_view ended = "the program ended with exit status ";
  for (finding& x : r.findings) {
    if (x.kind != finding_kind::exit || !x.message.starts_with(ended)) continue;
    if (any_status || x.message.substr(ended.size()) == "1") x.details.insert(x.details.begin(), detail);
  }
}

/// The path of `program` (as resolve_program finds it), which must be built
/// with weft's instrumentation: an input_error when it is not.
std::string instrumented_program(const std::string& program) {
  const std::string path = resolve_program(program);
  if (!file_holds(path, detail::instrumented_marker)) {
    throw input_error("PROGRAM '" + program +
                      "' was not built with weft's instrumentation (build it with weft-c++ or weft_instrument())");
  }
  return path;
}

int run_exec(const exec_flags& f, bool replaying, bool timeout_given, int argc, char** argv) {
  const auto started = wall::now();
  const std::string& program = f.command.front();
  const std::string path = instrumented_program(program);
  detail::exec_request request;
  request.flags = given_flags(f.scheduler_options);
  const options o = options_from_flags(request.flags);  // what the program will run under; bad flags stop here
  if (replaying) request.replay = f.replay;
  try {
    reports::check_writable(f.reports.paths());  // before the program starts: a bad path fails fast
  } catch (const std::runtime_error& e) {
    throw input_error(e.what());
  }
  // A GoogleTest program's tests split over shards as weft run's scenarios
  // do (a replay runs its one test, whatever the shard).
  const shard sh = replaying ? shard{} : parse_shard(f.shard);
  const std::string why_randomised = detail::fix_address_layout();  // "": every program starts at the same addresses
  const std::vector<exec_unit> units =
      take_shard(units_of(path, f.command, replaying, timeout_given ? f.answer_timeout : default_listing_seconds), sh);

  reports::run_report header = make_header(argc, argv);
  header.shard = sh.text();
  header.shard_source = sh.source;
  session run(std::move(header), f.reports);
  bool reproduced = false;
  std::uint64_t executions = 0;
  std::vector<refused_test> refused;
  for (std::size_t i = 0; i < units.size(); ++i) {
    const exec_unit& u = units[i];
    const double elapsed = std::chrono::duration<double>(wall::now() - started).count();
    if (units.size() > 1) {
      const double rate = elapsed > 0 ? double(executions) / elapsed : 0;
      run.progress(i, units.size(), rate, i > 0 ? elapsed / double(i) * double(units.size() - i) : 0);
    }
    const options share = for_next_scenario(o, elapsed, units.size() - i);  // --time across the tests, as weft run
    detail::exec_request r_i = request;
    if (o.time_budget_seconds > 0 && !replaying) r_i.flags = with_time(r_i.flags, share.time_budget_seconds);
    double wait_seconds = default_answer_seconds;
    if (timeout_given)
      wait_seconds = f.answer_timeout;
    else if (share.time_budget_seconds > 0)
      wait_seconds = share.time_budget_seconds + o.shrink_seconds + answer_margin_seconds;
    result r;
    try {
      r = ask(path, u.command, r_i, wait_seconds, u.framework == test_framework::gtest);
    } catch (const program_failed& e) {
      // One test of several that forks (a death test): the others still run.
      if (u.framework != test_framework::gtest || units.size() == 1 || e.unsupported.empty()) throw;
      refused.push_back({u.test, e.unsupported});
      continue;
    }
    explain_exit(r, u.framework);
    executions += r.stats.executions;

    scenario s;
    s.name = u.name;
    s.summary = "weft exec -- " + shell_words(u.command);
    reproduced = !r.findings.empty() && r.findings[0].kind != finding_kind::nondeterminism;
    auto rep = make_scenario_report(s, "checked", std::move(r));
    rep.strategy = replaying ? "replay" : std::string(to_string(o.strategy));
    rep.seed = o.seed;
    rep.replay_command = reports::shell_word(program_name()) + " exec --replay '" +
                         std::string(reports::schedule_placeholder) + "'" + f.scheduler.replay_flags() + " -- " +
                         shell_words(u.command);
    if (replaying) rep.as_expected = reproduced;
    run.add(std::move(rep));
  }
  const int status = run.finish(std::chrono::duration<double>(wall::now() - started).count());
  if (!refused.empty()) {
    std::cerr << program_name() << ": error: " << refused_line(refused, units.size(), f.command) << "\n";
    return usage;
  }
  if (!why_randomised.empty() && (replaying || status != 0))  // where a replay line was printed or followed
    std::cerr << program_name() << " exec: note: address randomisation stayed on (" << why_randomised
              << "): a program whose path depends on addresses may not replay\n";
  if (replaying) return reproduced ? static_cast<int>(as_expected) : static_cast<int>(unexpected);
  return status;
}

}  // namespace

result exec_once(const std::vector<std::string>& program_and_args, const std::vector<std::string>& flags,
                 double wait_seconds) {
  detail::exec_request request;
  request.flags = flags;
  return ask(instrumented_program(program_and_args.front()), program_and_args, request, wait_seconds, false);
}

command add_exec(CLI::App& app, int argc, char** argv) {
  auto f = std::make_shared<exec_flags>();
  CLI::App* cmd =
      app.add_subcommand("exec",
                         "Check an ordinary program built with weft's instrumentation (weft-c++, weft_instrument()): "
                         "weft exec [flags] -- PROGRAM ARGS...");
  const std::size_t before = cmd->get_options().size();
  add_scheduler_flags(*cmd, f->scheduler, true);
  for (const CLI::Option* o : cmd->get_options()) f->scheduler_options.push_back(o);
  f->scheduler_options.erase(f->scheduler_options.begin(), f->scheduler_options.begin() + std::ptrdiff_t(before));
  add_report_flags(*cmd, f->reports);
  const CLI::Option* replay =
      cmd->add_option("--replay", f->replay, "Run this one schedule (a finding's) instead of exploring")
          ->type_name("SCHEDULE");
  cmd->add_option("--shard", f->shard,
                  "Run only shard i of n of a GoogleTest program's tests (i/n, 1-based; default: WEFT_SHARD, then the "
                  "Bazel, GoogleTest, Kubernetes, Slurm and CI variables of docs/ci.md); another program is shard 1's");
  const CLI::Option* timeout =
      cmd->add_option("--answer-timeout", f->answer_timeout,
                      "Seconds PROGRAM may take to answer before it is killed (default: the --time budget plus its "
                      "shrink time plus 120, or 600 without a budget; a GoogleTest program's listing of its tests: 60)")
          ->check(seconds());
  cmd->add_option("PROGRAM", f->command, "The program and its arguments (after --, or after weft's own flags)")
      ->required()
      ->type_name("ARGS");
  cmd->positionals_at_end();  // from PROGRAM on, every word is the program's, even "-n 5"
  return [f, replay, timeout, argc, argv] {
    try {
      return run_exec(*f, replay->count() > 0, timeout->count() > 0, argc, argv);
    } catch (const program_failed& e) {
      reports::remove_reports(f->reports.paths());  // absent rather than stale: this run has no verdict
      std::cerr << "weft: error: " << e.what() << "\n";
      return e.status;
    } catch (const interrupted&) {
      reports::remove_reports(f->reports.paths());
      throw;
    }
  };
}

}  // namespace weft::cli
