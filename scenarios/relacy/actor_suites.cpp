// actor_suites.cpp — the actor family under Relacy (a Relacy translation unit:
// weft headers first, then suite.hpp).
#include <atomic>
#include <deque>
#include <optional>
#include <vector>

#include "weft/scenarios/actor.hpp"

#include "suite.hpp"

namespace weft::relacy_program {
namespace {

using scenarios::actor_params;
// The controlled scheduler's parameters (weft's registry, scenarios/actor.cpp).
constexpr actor_params one_sender{.senders = 1, .messages = 2};

}  // namespace

void add_actor_suites(std::vector<entry>& out) {
  // the actor's task + the senders
  out.push_back(
      suite_entry<scenarios::actor_stop_drops, one_sender, one_sender.senders + 1>("actor/actor_stop_drops"));
}

}  // namespace weft::relacy_program
