// program_code.hpp — whether the code running on the current logical thread
// is the program's own (an instrumented program under weft exec: its plain
// accesses, memcpy, free... are checked) or weft's (they are not). The
// instrumentation layer flips it at every hook's entry and exit; the runtime
// clears it where weft takes over without a hook: a fatal signal, exit() or a
// stack overflow in the program's code, whose handlers run weft to end the
// execution and must not have their own copies checked as the program's.
#pragma once

namespace weft::detail {

extern bool in_program;

}  // namespace weft::detail
