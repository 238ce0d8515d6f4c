// stress.cpp — weft::stress: forks a child that runs a scenario on real
// threads (stress_child.cpp), watches it (a per-iteration watchdog on the
// progress it reports over a pipe), and turns what it reported — and how it
// ended — into findings.
#include "weft/stress.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <stdexcept>
#include <string>
#include <system_error>
#include <tuple>

#include "child_process.hpp"
#include "stress_internal.hpp"

namespace weft {
namespace {

using steady = std::chrono::steady_clock;
using stress_detail::message;

constexpr std::size_t history_bytes = 6000;  // tail of the child's stderr kept per run

[[noreturn]] void throw_errno(const char* what) { throw std::system_error(errno, std::generic_category(), what); }

/// Closes a file descriptor on scope exit.
struct fd_owner {
  int fd = -1;
  fd_owner() = default;
  explicit fd_owner(int f) : fd(f) {}
  fd_owner(const fd_owner&) = delete;
  fd_owner& operator=(const fd_owner&) = delete;
  ~fd_owner() { reset(); }
  void reset() {
    if (fd >= 0) ::close(fd);
    fd = -1;
  }
};

/// An unlinked temporary file that receives the child's stderr.
int make_stderr_file() {
  const char* dir = std::getenv("TMPDIR");
  std::string path = std::string(dir && *dir ? dir : "/tmp") + "/weft-stress-XXXXXX";
  const int fd = ::mkostemp(path.data(), O_CLOEXEC);
  if (fd < 0) throw_errno("weft::stress: cannot create a temporary file for the child's stderr");
  ::unlink(path.c_str());
  return fd;
}

/// The last `history_bytes` of the file, from a line start.
std::string tail_of(int fd) {
  struct stat st {};
  if (::fstat(fd, &st) != 0 || st.st_size <= 0) return {};
  const off_t size = st.st_size;
  const off_t from = size > off_t(history_bytes) ? size - off_t(history_bytes) : 0;
  std::string text(static_cast<std::size_t>(size - from), '\0');
  const ssize_t n = ::pread(fd, text.data(), text.size(), from);
  if (n <= 0) return {};
  text.resize(static_cast<std::size_t>(n));
  if (from > 0) {
    const auto nl = text.find('\n');
    if (nl != std::string::npos) text.erase(0, nl + 1);
  }
  return text;
}

std::string signal_name(int sig) {
  const char* abbrev = ::sigabbrev_np(sig);
  const char* text = ::strsignal(sig);
  return std::string(abbrev ? std::string("SIG") + abbrev : "signal " + std::to_string(sig)) +
         (text ? std::string(" (") + text + ")" : std::string());
}

/// What the parent learns from the child: findings (deduplicated), progress, the end.
class collector {
 public:
  void add(finding f) {
    const auto key = std::tie(f.kind, f.message, f.locations);
    for (std::size_t k = 0; k < findings_.size(); ++k) {
      if (std::tie(findings_[k].kind, findings_[k].message, findings_[k].locations) == key) {
        ++counts_[k];
        return;
      }
    }
    findings_.push_back(std::move(f));
    counts_.push_back(1);
  }
  void on_line(std::string_view line, steady::time_point now) {
    const auto m = stress_detail::decode(line);
    if (!m) return;
    switch (m->kind) {
      case message::type::finding:
        add(m->f);
        break;
      case message::type::progress:
        completed_ = m->count;
        last_progress_ = now;
        break;
      case message::type::done:
        completed_ = m->count;
        done_ = true;
        break;
    }
  }
  /// Appends bytes of the main pipe; complete lines are handled.
  void feed(const char* data, std::size_t n, steady::time_point now) {
    pending_.append(data, n);
    std::size_t start = 0;
    for (auto nl = pending_.find('\n'); nl != std::string::npos; nl = pending_.find('\n', start)) {
      on_line(std::string_view(pending_).substr(start, nl - start), now);
      start = nl + 1;
    }
    pending_.erase(0, start);
  }
  /// Appends bytes of the TSan pipe; complete records (up to a line "E") are handled.
  void feed_tsan(const char* data, std::size_t n) {
    pending_tsan_.append(data, n);
    for (;;) {
      const std::size_t end = pending_tsan_.rfind("E\n", 0) == 0 ? 0 : pending_tsan_.find("\nE\n");
      if (end == std::string::npos) return;
      const std::size_t record_end = end == 0 ? 0 : end + 1;
      if (auto f = stress_detail::finding_from_tsan_record(std::string_view(pending_tsan_).substr(0, record_end)))
        add(std::move(*f));
      pending_tsan_.erase(0, record_end + 2);
    }
  }
  bool has_tsan_finding() const {
    for (const auto& f : findings_)
      if (f.source == finding_source::tsan) return true;
    return false;
  }
  std::vector<finding> take() {
    for (std::size_t k = 0; k < findings_.size(); ++k) {
      if (counts_[k] > 1)
        findings_[k].details.push_back("seen " + std::to_string(counts_[k]) + " times, first in iteration " +
                                       std::to_string(findings_[k].iteration));
    }
    return std::move(findings_);
  }

  std::uint64_t completed_ = 0;
  bool done_ = false;
  steady::time_point last_progress_ = steady::now();

 private:
  std::string pending_;
  std::string pending_tsan_;
  std::vector<finding> findings_;
  std::vector<std::size_t> counts_;
};

/// Reads both pipes until EOF, or until one iteration outlasts the timeout
/// (then kills the child and reads what is left). Returns true when the
/// watchdog fired.
bool watch(pid_t child, int fd, int tsan_fd, double timeout_seconds, collector& c) {
  const auto timeout = std::chrono::duration_cast<steady::duration>(std::chrono::duration<double>(timeout_seconds));
  char buf[8192];
  bool fired = false;
  pollfd fds[2] = {{fd, POLLIN, 0}, {tsan_fd, POLLIN, 0}};
  while (fds[0].fd >= 0 || fds[1].fd >= 0) {
    int wait_ms = -1;  // once the child is killed, block until EOF
    if (!fired) {
      const auto left = c.last_progress_ + timeout - steady::now();
      if (left <= steady::duration::zero()) {
        ::kill(child, SIGKILL);
        fired = true;
        continue;
      }
      wait_ms = detail::poll_timeout_ms(left);
    }
    const int r = ::poll(fds, 2, wait_ms);  // negative fds are ignored
    if (r < 0 && errno != EINTR) throw_errno("weft::stress: poll");
    if (r <= 0) continue;
    for (int k = 0; k < 2; ++k) {
      if (fds[k].fd < 0 || fds[k].revents == 0) continue;
      const ssize_t n = ::read(fds[k].fd, buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) {
        fds[k].fd = -1;  // EOF: the child closed it (or is gone)
        continue;
      }
      if (k == 0) {
        c.feed(buf, static_cast<std::size_t>(n), steady::now());
      } else {
        c.feed_tsan(buf, static_cast<std::size_t>(n));
      }
    }
  }
  return fired;
}

finding ending(finding_kind kind, std::string message, std::uint64_t iteration) {
  finding f;
  f.kind = kind;
  f.source = finding_source::stress;
  f.message = std::move(message);
  f.iteration = iteration;
  return f;
}

}  // namespace

bool built_with_tsan() noexcept { return stress_detail::tsan_build(); }

result stress(const scenario& s, const stress_options& opts) {
  if (!s.stress) throw std::invalid_argument("weft::stress: scenario '" + s.name + "' has no stress body");
  if (!(opts.timeout_seconds > 0)) throw std::invalid_argument("weft::stress: timeout_seconds must be positive");

  int ends[2];
  if (::pipe2(ends, O_CLOEXEC) != 0) throw_errno("weft::stress: pipe");
  fd_owner read_end(ends[0]);
  fd_owner write_end(ends[1]);
  int tsan_ends[2];  // TSan reports, written by the child's report hook
  if (::pipe2(tsan_ends, O_CLOEXEC) != 0) throw_errno("weft::stress: pipe");
  fd_owner tsan_read_end(tsan_ends[0]);
  fd_owner tsan_write_end(tsan_ends[1]);
  fd_owner err(make_stderr_file());

  std::fflush(nullptr);  // nothing buffered may be written twice
  const auto start = steady::now();
  const pid_t child = ::fork();
  if (child < 0) throw_errno("weft::stress: fork");
  if (child == 0) {
    ::dup2(err.fd, STDERR_FILENO);
    ::close(ends[0]);
    ::close(tsan_ends[0]);
    stress_detail::run_child(s, opts, ends[1], tsan_ends[1]);
  }
  write_end.reset();
  tsan_write_end.reset();

  collector c;
  c.last_progress_ = steady::now();
  bool timed_out = false;
  try {
    timed_out = watch(child, read_end.fd, tsan_read_end.fd, opts.timeout_seconds, c);
  } catch (...) {  // never leave the child running
    ::kill(child, SIGKILL);
    (void)detail::reap_child(child, "weft::stress: waitpid");
    throw;
  }
  const int status = detail::reap_child(child, "weft::stress: waitpid");

  result r;
  r.stats.executions = c.completed_;
  r.stats.seconds = std::chrono::duration<double>(steady::now() - start).count();
  const std::uint64_t at = c.completed_;  // the iteration the child was in when it ended
  std::vector<finding> endings;
  if (timed_out) {
    char limit[32];
    std::snprintf(limit, sizeof limit, "%g", opts.timeout_seconds);
    endings.push_back(ending(finding_kind::stress_timeout,
                             "iteration " + std::to_string(at) + " did not finish within " + limit +
                                 " s (a deadlock or hang on real threads); the child was killed",
                             at));
  } else if (WIFSIGNALED(status)) {
    endings.push_back(ending(finding_kind::crash,
                             "the stress child was killed by " + signal_name(WTERMSIG(status)) + " in iteration " +
                                 std::to_string(at),
                             at));
  } else if (!c.done_ && !c.has_tsan_finding()) {
    // A TSan report with halt_on_error=1 ends the child early; that is not a crash.
    const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    endings.push_back(ending(finding_kind::crash,
                             "the stress child exited with status " + std::to_string(code) + " in iteration " +
                                 std::to_string(at) + " before finishing",
                             at));
  }
  for (auto& f : endings) c.add(std::move(f));

  r.findings = c.take();
  const std::string history = tail_of(err.fd);
  for (auto& f : r.findings) {
    if (f.source == finding_source::tsan || f.kind == finding_kind::crash || f.kind == finding_kind::stress_timeout)
      f.history = history;
  }
  return r;
}

}  // namespace weft
