// Running a scenario under Relacy: start weft-relacy in its own process
// (posix_spawn), wait for it within the time limit, read the JSON it writes,
// turn it into a weft::result.
#include "weft/relacy_runner.hpp"

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "child_process.hpp"
#include "weft/registry.hpp"
#include "weft/result_json.hpp"

extern char** environ;  // NOLINT: POSIX

namespace weft {
namespace {

namespace fs = std::filesystem;
constexpr std::string_view program_name = WEFT_RELACY_PROGRAM_NAME;

constexpr std::array<std::pair<relacy_search, std::string_view>, 3> search_names{{
    {relacy_search::random, "random"},
    {relacy_search::context_bound, "context-bound"},
    {relacy_search::full, "full"},
}};

bool is_executable_file(const fs::path& p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec) && ::access(p.c_str(), X_OK) == 0;
}

/// The program given (opts.program, else $WEFT_RELACY), else weft-relacy
/// next to the running executable (where it is installed, and where the
/// build puts it), else on PATH.
std::string find_program(const std::string& option) {
  const char* from_environment = std::getenv("WEFT_RELACY");
  const std::string given = !option.empty() ? option : from_environment ? from_environment : "";
  if (!given.empty()) {
    if (!is_executable_file(given)) throw std::invalid_argument("Relacy program not found or not executable: " + given);
    return given;
  }
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (!ec && is_executable_file(self.parent_path() / program_name)) return self.parent_path() / program_name;
  if (const char* path = std::getenv("PATH")) {
    std::string_view dirs = path;
    while (true) {
      const auto colon = dirs.find(':');
      const std::string_view dir = dirs.substr(0, colon);
      const fs::path candidate = fs::path(dir.empty() ? "." : std::string(dir)) / program_name;
      if (is_executable_file(candidate)) return candidate;
      if (colon == std::string_view::npos) break;
      dirs.remove_prefix(colon + 1);
    }
  }
  throw std::invalid_argument(std::string(program_name) +
                              " not found next to this program nor on PATH (set WEFT_RELACY or --program; is weft "
                              "built with WEFT_BUILD_RELACY=ON?)");
}

/// A private temporary directory, removed with its contents when done. It
/// is weft-relacy's TMPDIR too: a child killed at the time limit leaves its
/// own temporary files there.
class temp_dir {
 public:
  temp_dir() {
    const char* dir = std::getenv("TMPDIR");
    std::string pattern = std::string(dir && *dir ? dir : "/tmp") + "/weft-relacy-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr)
      throw std::runtime_error("cannot create a temporary directory: " + pattern + ": " + std::strerror(errno));
    path_ = std::move(pattern);
  }
  ~temp_dir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

/// This process's environment with TMPDIR set to `tmpdir`.
std::vector<std::string> child_environment(const std::string& tmpdir) {
  std::vector<std::string> env;
  for (char** e = environ; *e != nullptr; ++e) {
    if (std::string_view(*e).starts_with("TMPDIR=")) continue;
    env.emplace_back(*e);
  }
  env.push_back("TMPDIR=" + tmpdir);
  return env;
}

std::vector<char*> c_strings(const std::vector<std::string>& strings) {
  std::vector<char*> out;
  for (const std::string& s : strings) out.push_back(const_cast<char*>(s.c_str()));
  out.push_back(nullptr);
  return out;
}

struct child_exit {
  int status = 0;          // as waitpid gives it
  std::string error_text;  // what the child wrote on stderr
  bool timed_out = false;  // killed at the time limit (status is then meaningless)
};

/// Milliseconds for poll() until `deadline`: -1 (no deadline), else >= 0.
int poll_wait_ms(std::optional<std::chrono::steady_clock::time_point> deadline) {
  return deadline ? detail::poll_timeout_ms(*deadline - std::chrono::steady_clock::now()) : -1;
}

/// Reads the child's stderr until it closes (the child ended) or `deadline`
/// passes; true when it closed.
bool read_until_closed(int fd, std::string& text, std::optional<std::chrono::steady_clock::time_point> deadline) {
  std::array<char, 4096> buffer{};
  while (true) {
    const int wait_ms = poll_wait_ms(deadline);
    if (wait_ms == 0) return false;  // the deadline passed
    pollfd p{.fd = fd, .events = POLLIN, .revents = 0};
    const int ready = ::poll(&p, 1, wait_ms);
    if (ready < 0 && errno != EINTR) throw std::runtime_error(std::string("poll: ") + std::strerror(errno));
    if (ready <= 0) continue;  // interrupted, or the deadline is (nearly) here: checked above
    const ssize_t n = ::read(fd, buffer.data(), buffer.size());
    if (n > 0) {
      text.append(buffer.data(), static_cast<std::size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      return true;
    }
  }
}

/// Runs argv[0] with argv and TMPDIR=tmpdir, stdout to /dev/null, stderr
/// captured; waits for it, or kills it (SIGKILL) once `timeout_seconds` (> 0)
/// have passed. Always reaps the child.
child_exit run_child(const std::vector<std::string>& args, const std::string& tmpdir, double timeout_seconds) {
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDERR_FILENO);

  std::vector<char*> argv = c_strings(args);
  const std::vector<std::string> env_strings = child_environment(tmpdir);
  std::vector<char*> env = c_strings(env_strings);
  std::optional<std::chrono::steady_clock::time_point> deadline;
  if (timeout_seconds > 0 && timeout_seconds < 1e9) {  // beyond ~30 years: no limit
    deadline = std::chrono::steady_clock::now() +
               std::chrono::ceil<std::chrono::steady_clock::duration>(std::chrono::duration<double>(timeout_seconds));
  }
  pid_t pid = 0;
  const int spawn_error = ::posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), env.data());
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipe_fds[1]);
  if (spawn_error != 0) {
    ::close(pipe_fds[0]);
    throw std::invalid_argument("cannot start " + args[0] + ": " + std::strerror(spawn_error));
  }

  child_exit out;
  try {
    out.timed_out = !read_until_closed(pipe_fds[0], out.error_text, deadline);
  } catch (...) {
    ::close(pipe_fds[0]);
    ::kill(pid, SIGKILL);  // leave no child behind
    detail::reap_child(pid, "waitpid");
    throw;
  }
  ::close(pipe_fds[0]);
  if (out.timed_out) ::kill(pid, SIGKILL);
  out.status = detail::reap_child(pid, "waitpid");
  return out;
}

/// "60 s", "0.2 s".
std::string seconds_text(double seconds) {
  char text[32];
  std::snprintf(text, sizeof text, "%g s", seconds);
  return text;
}

std::string timeout_message(const std::string& name, const relacy_options& opts) {
  const std::string hint = opts.search == relacy_search::random ? "fewer --iterations" : "--search random";
  return std::string(program_name) + ": " + name + ": no verdict within " + seconds_text(opts.timeout_seconds) + " (" +
         std::string(to_string(opts.search)) + " search; try " + hint + " or a longer --timeout)";
}

std::string first_line(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  return line.empty() ? "(no message)" : line;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// weft-relacy's result, each finding told how to reproduce it.
result with_reproduce_command(result r, const std::vector<std::string>& args) {
  std::string command = fs::path(args[0]).filename();
  for (std::size_t i = 1; i < args.size() && args[i] != "--output"; ++i) command += " " + args[i];
  for (finding& f : r.findings) f.details.push_back("reproduce: " + command);
  return r;
}

}  // namespace

std::optional<relacy_search> relacy_search_from_string(std::string_view text) {
  for (const auto& [search, name] : search_names) {
    if (name == text) return search;
  }
  return std::nullopt;
}

std::string_view to_string(relacy_search search) {
  for (const auto& [s, name] : search_names) {
    if (s == search) return name;
  }
  return "random";
}

result run_relacy(const std::string& name, const relacy_options& opts) {
  if (const scenario* s = registry::instance().find(name); s && !s->relacy)
    throw std::invalid_argument("scenario '" + name + "' has no Relacy version");
  if (!(opts.timeout_seconds >= 0))
    throw std::invalid_argument("relacy_options::timeout_seconds must be 0 (no limit) or positive");
  const std::string program = find_program(opts.program);
  const temp_dir dir;
  const std::string output = dir.path() + "/verdict.json";
  const std::vector<std::string> args{program,
                                      name,
                                      "--search",
                                      std::string(to_string(opts.search)),
                                      "--iterations",
                                      std::to_string(opts.iterations),
                                      "--output",
                                      output};
  const child_exit child = run_child(args, dir.path(), opts.timeout_seconds);
  if (child.timed_out) throw relacy_timeout(timeout_message(name, opts));

  if (WIFSIGNALED(child.status)) {
    const int sig = WTERMSIG(child.status);
    finding f;
    f.kind = finding_kind::crash;
    f.source = finding_source::relacy;
    f.message = "weft-relacy was killed by signal " + std::to_string(sig) + " (" + strsignal(sig) + ") running " + name;
    f.history = child.error_text;
    result r;
    r.findings.push_back(std::move(f));
    return r;
  }
  const int code = WIFEXITED(child.status) ? WEXITSTATUS(child.status) : -1;
  if (code == 2) throw std::invalid_argument(first_line(child.error_text));
  if (code != 0)
    throw std::runtime_error("weft-relacy failed (exit " + std::to_string(code) + "): " + first_line(child.error_text));

  try {
    return with_reproduce_command(result_from_json({nlohmann::json::parse(read_file(output)), ""}), args);
  } catch (const std::exception& e) {  // nlohmann::json::exception, malformed_json
    throw std::runtime_error("weft-relacy wrote unreadable JSON for " + name + ": " + e.what());
  }
}

}  // namespace weft
