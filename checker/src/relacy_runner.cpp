// Running a scenario under Relacy: start weft-relacy in its own process
// (posix_spawn), read the JSON it writes, turn it into a weft::result.
#include "weft/relacy_runner.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "weft/registry.hpp"

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

/// opts.program, else weft-relacy next to the running executable, else on PATH.
std::string find_program(const std::string& given) {
  if (!given.empty()) {
    if (!is_executable_file(given)) throw std::invalid_argument("Relacy program not found or not executable: " + given);
    return given;
  }
  std::error_code ec;
  const fs::path self = fs::read_symlink("/proc/self/exe", ec);
  if (!ec && is_executable_file(self.parent_path() / program_name)) return self.parent_path() / program_name;
  // In a build tree weft is build/<preset>/cli/weft and weft-relacy is build/<preset>/scenarios/relacy/.
  if (!ec) {
    const fs::path in_tree = self.parent_path().parent_path() / "scenarios" / "relacy" / program_name;
    if (is_executable_file(in_tree)) return in_tree;
  }
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
                              " not found next to this program nor on PATH (is weft built with WEFT_BUILD_RELACY=ON?)");
}

/// An empty temporary file, removed when done.
class temp_file {
 public:
  temp_file() {
    const char* dir = std::getenv("TMPDIR");
    std::string pattern = std::string(dir && *dir ? dir : "/tmp") + "/weft-relacy-XXXXXX";
    const int fd = ::mkstemp(pattern.data());
    if (fd < 0) throw std::runtime_error("cannot create a temporary file: " + pattern + ": " + std::strerror(errno));
    ::close(fd);
    path_ = std::move(pattern);
  }
  ~temp_file() { ::unlink(path_.c_str()); }
  temp_file(const temp_file&) = delete;
  temp_file& operator=(const temp_file&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

struct child_exit {
  int status = 0;          // as waitpid gives it
  std::string error_text;  // what the child wrote on stderr
};

/// Runs argv[0] with argv, stdout to /dev/null, stderr captured; waits for it.
child_exit run_child(const std::vector<std::string>& args) {
  int pipe_fds[2];
  if (::pipe2(pipe_fds, O_CLOEXEC) != 0) throw std::runtime_error(std::string("pipe: ") + std::strerror(errno));
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], STDERR_FILENO);

  std::vector<char*> argv;
  for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int spawn_error = ::posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(pipe_fds[1]);
  if (spawn_error != 0) {
    ::close(pipe_fds[0]);
    throw std::invalid_argument("cannot start " + args[0] + ": " + std::strerror(spawn_error));
  }

  child_exit out;
  std::array<char, 4096> buffer{};
  while (true) {
    const ssize_t n = ::read(pipe_fds[0], buffer.data(), buffer.size());
    if (n > 0) {
      out.error_text.append(buffer.data(), static_cast<std::size_t>(n));
    } else if (n == 0 || errno != EINTR) {
      break;
    }
  }
  ::close(pipe_fds[0]);
  while (::waitpid(pid, &out.status, 0) < 0) {
    if (errno != EINTR) throw std::runtime_error(std::string("waitpid: ") + std::strerror(errno));
  }
  return out;
}

std::string first_line(const std::string& text) {
  std::string line = text.substr(0, text.find('\n'));
  return line.empty() ? "(no message)" : line;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

/// weft-relacy's JSON as a weft result.
result to_result(const nlohmann::json& j, const std::vector<std::string>& args) {
  result r;
  r.stats.executions = j.at("executions").get<std::uint64_t>();
  r.stats.seconds = j.at("seconds").get<double>();
  r.stats.max_threads = j.value("threads", 0U);
  const auto verdict = j.at("verdict").get<std::string>();
  if (verdict == "clean") return r;

  const auto kind = finding_kind_from_string(verdict);
  if (!kind) throw std::runtime_error("weft-relacy reported an unknown verdict '" + verdict + "'");
  finding f;
  f.kind = *kind;
  f.engine = "relacy";
  f.message = j.value("message", std::string(to_string(*kind)));
  f.iteration = j.value("failing_iteration", std::uint64_t{0});
  f.history = j.value("history", std::string());
  if (j.contains("location")) {
    const auto& loc = j.at("location");
    f.locations.push_back({loc.value("file", std::string()), loc.value("line", 0U), loc.value("function", std::string())});
  }
  f.details.push_back("Relacy: " + j.value("relacy_result", std::string()) + " at iteration " +
                      std::to_string(f.iteration) + " (" + j.value("search", std::string()) + " search)");
  std::string command = fs::path(args[0]).filename();
  for (std::size_t i = 1; i < args.size() && args[i] != "--output"; ++i) command += " " + args[i];
  f.details.push_back("reproduce: " + command);
  r.findings.push_back(std::move(f));
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
  const std::string program = find_program(opts.program);
  temp_file output;
  const std::vector<std::string> args{program,
                                      name,
                                      "--search",
                                      std::string(to_string(opts.search)),
                                      "--iterations",
                                      std::to_string(opts.iterations),
                                      "--output",
                                      output.path()};
  const child_exit child = run_child(args);

  if (WIFSIGNALED(child.status)) {
    const int sig = WTERMSIG(child.status);
    finding f;
    f.kind = finding_kind::crash;
    f.engine = "relacy";
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
    return to_result(nlohmann::json::parse(read_file(output.path())), args);
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error("weft-relacy wrote unreadable JSON for " + name + ": " + e.what());
  }
}

}  // namespace weft
