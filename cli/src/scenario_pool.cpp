// weft run --jobs N over several scenarios (scenario_pool.hpp): forked
// children, one scenario each, their reports as JSON documents on a pipe.
#include "scenario_pool.hpp"

#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <map>
#include <stdexcept>
#include <string>
#include <vector>

#include "weft/interrupt.hpp"
#include "weft/reports/json.hpp"

namespace weft::cli {
namespace {

struct child {
  std::size_t job = 0;
  pid_t pid = -1;
  int fd = -1;
  std::string text;  // the JSON document read so far
};

void write_all(int fd, const std::string& text) {
  for (std::size_t done = 0; done < text.size();) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) ::_exit(3);
    done += static_cast<std::size_t>(n);
  }
}

/// Forks a child that runs job(i) and writes its report to the pipe.
child start(std::size_t i, const std::function<reports::scenario_report(std::size_t)>& job) {
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error(std::string("weft: pipe: ") + std::strerror(errno));
  std::cout.flush();  // the child must not flush a copy of this process's buffers
  std::cerr.flush();
  std::fflush(nullptr);
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error(std::string("weft: fork: ") + std::strerror(errno));
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) ::_exit(0);
    ::signal(SIGINT, SIG_DFL);
    ::signal(SIGTERM, SIG_DFL);
    ::close(fds[0]);
    try {
      reports::run_report r;
      r.scenarios.push_back(job(i));
      write_all(fds[1], reports::to_json(r));
    } catch (...) {
      ::_exit(3);  // no report: the caller runs the job itself and meets the error there
    }
    ::_exit(0);
  }
  ::close(fds[1]);
  return {i, pid, fds[0], {}};
}

/// Reads what is there; false at the end of the pipe.
bool read_some(child& c) {
  char buffer[65536];
  for (;;) {
    const ssize_t n = ::read(c.fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n > 0) {
      c.text.append(buffer, static_cast<std::size_t>(n));
      return true;
    }
    return false;
  }
}

/// Reaps `c` after the end of its pipe: its report, if it sent a whole one.
std::optional<reports::scenario_report> finish(child& c) {
  ::close(c.fd);
  int status = 0;
  while (::waitpid(c.pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) return std::nullopt;
  try {
    reports::run_report r = reports::parse_json(c.text, "a scenario's process");
    if (r.scenarios.size() != 1) return std::nullopt;
    return std::move(r.scenarios.front());
  } catch (const std::runtime_error&) {
    return std::nullopt;
  }
}

void stop_all(std::vector<child>& running) {
  for (child& c : running) ::kill(c.pid, SIGKILL);
  for (child& c : running) {
    ::close(c.fd);
    while (::waitpid(c.pid, nullptr, 0) < 0 && errno == EINTR) {
    }
  }
  running.clear();
}

}  // namespace

void run_in_children(std::size_t count, unsigned slots,
                     const std::function<reports::scenario_report(std::size_t)>& job,
                     const std::function<void(std::size_t, std::optional<reports::scenario_report>)>& deliver) {
  std::vector<child> running;
  std::map<std::size_t, std::optional<reports::scenario_report>> done;  // finished, not yet delivered
  std::size_t next = 0, delivered = 0;
  try {
    while (delivered < count) {
      while (running.size() < std::max(1u, slots) && next < count) running.push_back(start(next++, job));
      std::vector<pollfd> fds;
      for (const child& c : running) fds.push_back({c.fd, POLLIN, 0});
      ::poll(fds.data(), fds.size(), 50);
      if (const int sig = interrupt_signal(); sig != 0) {
        stop_all(running);
        throw interrupted(sig);
      }
      for (std::size_t k = fds.size(); k-- > 0;) {
        if ((fds[k].revents & (POLLIN | POLLHUP | POLLERR)) == 0 || read_some(running[k])) continue;
        done[running[k].job] = finish(running[k]);
        running.erase(running.begin() + static_cast<std::ptrdiff_t>(k));
      }
      for (auto it = done.find(delivered); it != done.end(); it = done.find(delivered)) {
        auto report = std::move(it->second);
        done.erase(it);
        deliver(delivered++, std::move(report));  // may throw (a job rerun here): the rest are stopped below
      }
    }
  } catch (...) {
    stop_all(running);
    throw;
  }
}

}  // namespace weft::cli
