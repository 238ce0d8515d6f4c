// child_process.hpp — private helpers for the backends that run a child
// process under a time limit (weft stress, weft relacy): waiting for the
// child and turning a deadline into a poll() timeout.
#pragma once

#include <sys/types.h>
#include <sys/wait.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <climits>
#include <string>
#include <system_error>

namespace weft::detail {

/// Waits for `pid` to end, retrying when interrupted; its status as waitpid
/// gives it. Throws std::system_error naming `context` ("weft::stress: waitpid").
inline int reap_child(pid_t pid, const char* context) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) throw std::system_error(errno, std::generic_category(), context);
  }
  return status;
}

/// poll()'s timeout for `left` of a deadline: milliseconds rounded up, 0 once
/// it has passed, at most INT_MAX.
inline int poll_timeout_ms(std::chrono::steady_clock::duration left) {
  const auto ms = std::chrono::ceil<std::chrono::milliseconds>(left).count();
  return static_cast<int>(std::clamp<std::chrono::milliseconds::rep>(ms, 0, INT_MAX));
}

}  // namespace weft::detail
