// death_capture.hpp — inside a replay child process: a fatal signal, exit()
// or a hang (an alarm after the watchdog) of the code under test ends the
// replayed execution with a `crash`, `exit` or `hang` finding, as a failed
// assertion would, so that the execution's trace survives. Best effort: the
// process may be too damaged to go on (a corrupted heap), and then the
// supervisor reports the child's death without a trace.
#pragma once

#include <cstdint>

#include "weft/result.hpp"

namespace weft::detail {

/// Installs the handlers in this (disposable) process.
void capture_deaths(double watchdog_seconds);

/// Points a captured finding at the last place its thread was seen in the
/// trace (the handler itself knows no source location).
void locate_captured(finding& f);

}  // namespace weft::detail
