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

/// While it lives, the code running is weft's (loading a library, weft's own
/// allocations in a hook); leaving restores what was before.
class weft_code {
 public:
  weft_code() noexcept : was_(in_program) { in_program = false; }
  ~weft_code() { in_program = was_; }
  weft_code(const weft_code&) = delete;
  weft_code& operator=(const weft_code&) = delete;

 private:
  bool was_;
};

}  // namespace weft::detail
