// weft_fds.hpp — the file descriptors weft itself writes to inside a process
// where an instrumented program runs: the pipe to the supervisor and weft
// exec's answer. They are not the program's: its close() of them (a daemon
// closing every descriptor it did not open) fails with EBADF, as it would
// on real threads where they do not exist, instead of cutting weft off from
// the process that reports the execution (instrument/exec_main.cpp).
#pragma once

#include <array>

namespace weft::detail {

class weft_fds {
 public:
  /// `fd` is weft's from now on in this process (and in the ones it forks).
  static void keep(int fd) noexcept {
    for (int& slot : fds_) {
      if (slot == fd) return;
      if (slot < 0) {
        slot = fd;
        return;
      }
    }
  }
  static bool kept(int fd) noexcept {
    for (int slot : fds_) {
      if (slot == fd) return fd >= 0;
    }
    return false;
  }
  static const std::array<int, 4>& all() noexcept { return fds_; }

 private:
  static inline std::array<int, 4> fds_{-1, -1, -1, -1};
};

}  // namespace weft::detail
