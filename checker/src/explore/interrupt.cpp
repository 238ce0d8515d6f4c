#include "weft/interrupt.hpp"

#include <csignal>
#include <cstring>
#include <string>

namespace weft {
namespace {

volatile std::sig_atomic_t arrived = 0;

extern "C" void note_signal(int sig) { arrived = sig; }

}  // namespace

interrupted::interrupted(int sig)
    : std::runtime_error(std::string("interrupted by ") + (sig == SIGINT ? "SIGINT" : sig == SIGTERM ? "SIGTERM" : strsignal(sig))),
      signal(sig) {}

void catch_interrupts() {
  struct sigaction sa {};
  sa.sa_handler = note_signal;
  sigemptyset(&sa.sa_mask);
  ::sigaction(SIGINT, &sa, nullptr);
  ::sigaction(SIGTERM, &sa, nullptr);
}

int interrupt_signal() noexcept { return arrived; }

void throw_if_interrupted() {
  if (arrived != 0) throw interrupted(arrived);
}

}  // namespace weft
