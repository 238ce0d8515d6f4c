// weft/scenarios/actor.hpp — the actor family's scenario template (shape of
// weft/scenario_shape.hpp): 004's CounterActor, stopped after its messages.
#pragma once

#include <cstddef>

#include "weft/assert.hpp"
#include "weft/models/actor.hpp"

namespace weft::scenarios {

struct actor_params {
  std::size_t senders = 1;   // the seed: the main coroutine
  std::size_t messages = 3;  // per sender: +5, +3, -2, +5, ...
};

/// 004 §16.5.5: every message sent before stop() is handled (no message lost).
/// Thread 0 is the actor's task; the last sender to finish calls stop().
template <class Sync>
struct actor_stop_drops {
  using params = actor_params;
  explicit actor_stop_drops(const params& p) : p_(p), actor_(loop_) { actor_.start(); }
  std::size_t thread_count() const { return p_.senders + 1; }
  void thread(std::size_t i) {
    if (i == 0) {
      actor_.process_messages();
      return;
    }
    for (std::size_t k = 0; k < p_.messages; ++k) actor_.send(delta(k));
    if (finished_.fetch_add(1) + 1 == p_.senders) actor_.stop();
  }
  void check() {
    long expected = 0;
    for (std::size_t k = 0; k < p_.messages; ++k) expected += delta(k);
    expected *= static_cast<long>(p_.senders);
    WEFT_ASSERT(actor_.count() == expected, "messages sent before stop() were dropped");
  }

 private:
  static long delta(std::size_t k) {
    constexpr long seed[] = {5, 3, -2};
    return seed[k % 3];
  }

  params p_;
  models::asyncio_loop<Sync> loop_;
  models::counter_actor<Sync> actor_;
  typename Sync::template atomic<std::size_t> finished_{0};
};

}  // namespace weft::scenarios
