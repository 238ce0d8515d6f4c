// pipe_suites.cpp — the pipe family under Relacy (a Relacy translation unit:
// weft headers first, then suite.hpp).
#include <atomic>
#include <deque>
#include <string>
#include <vector>

#include "weft/scenarios/pipe.hpp"

#include "suite.hpp"

namespace weft::relacy_program {
namespace {

using scenarios::pipe_params;
// The controlled scheduler's parameters (weft's registry, scenarios/pipe.cpp).
constexpr pipe_params two_messages{.messages = 2};

}  // namespace

void add_pipe_suites(std::vector<entry>& out) {
  // the sender and the receiver
  out.push_back(suite_entry<scenarios::pipe_eof_hang, two_messages, 2>("pipe/pipe_eof_hang"));
}

}  // namespace weft::relacy_program
