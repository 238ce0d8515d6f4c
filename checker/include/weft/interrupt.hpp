// weft/interrupt.hpp — SIGINT and SIGTERM during a supervised run.
//
// After catch_interrupts(), those signals only note themselves; the
// supervisor notices within a few milliseconds, kills and reaps its worker
// processes, and throws weft::interrupted. A command line maps it to the
// shell's convention, exit status 128 + signal (130, 143).
#pragma once

#include <stdexcept>

namespace weft {

struct interrupted : std::runtime_error {
  explicit interrupted(int sig);
  int signal;
};

/// Installs the SIGINT/SIGTERM handlers (idempotent).
void catch_interrupts();
/// The signal that arrived since catch_interrupts(), or 0.
int interrupt_signal() noexcept;
/// Throws weft::interrupted when a signal arrived.
void throw_if_interrupted();

}  // namespace weft
