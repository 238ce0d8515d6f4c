// death_capture.hpp — inside a replay child process: a fatal signal, exit()
// or a hang (an alarm after the watchdog) of the code under test ends the
// replayed execution with a `crash`, `exit` or `hang` finding, as a failed
// assertion would, so that the execution's trace survives. Best effort: the
// process may be too damaged to go on (a corrupted heap), and then the
// supervisor reports the child's death without a trace.
#pragma once

#include <cstdint>
#include <string>

#include "weft/result.hpp"

namespace weft::detail {

/// Installs the handlers in this (disposable) process.
void capture_deaths(double watchdog_seconds);

/// When a signal interrupted a system call (`context`, the interrupted
/// thread's ucontext_t): the function that made it and its library
/// ("mq_timedsend in libc.so.6"), else "".
std::string interrupted_system_call(const void* context);

/// "signal 11 (SIGSEGV: Segmentation fault)".
std::string signal_text(int sig);

/// Points a captured finding at the last place its thread was seen in the
/// trace (the handler itself knows no source location); an unmodified
/// program's abort (weft exec) at the program's call on its stack instead.
void locate_captured(finding& f);

}  // namespace weft::detail
