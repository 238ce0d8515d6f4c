// weft/models/actor.hpp — 004's asyncio Actor: an inbox queue drained by one
// message loop, and the CounterActor built on it. Coroutines are threads
// taking turns on an asyncio_loop.
#pragma once

#include <cstddef>
#include <optional>

#include "weft/models/asyncio_loop.hpp"

namespace weft::models {

/// BUG (004 §16.5.5 "Actor模式", Actor.stop): stop() clears `_running` before
/// it queues the None stop message, and the message loop checks `_running`
/// after every message — so messages sent before stop() but still in the
/// inbox are dropped. The CounterActor's messages (increment/decrement by v)
/// are signed amounts; nullopt is None.
template <class Sync>
class counter_actor {
 public:
  explicit counter_actor(asyncio_loop<Sync>& loop) : loop_(loop) {}

  /// start(): sets `_running`; the caller runs process_messages() as the task.
  void start() {
    auto turn = loop_.enter();
    running_.store(true);
  }
  void stop() {
    auto turn = loop_.enter();
    running_.store(false);        // BUG: before the stop message is queued
    inbox_.put(turn, std::nullopt);
  }
  void send(long delta) {
    auto turn = loop_.enter();
    inbox_.put(turn, delta);
  }
  /// _process_messages: the actor's task.
  void process_messages() {
    auto turn = loop_.enter();
    while (running_.load()) {
      const std::optional<long> message = inbox_.get(turn);
      if (!message) break;
      handle(*message);
    }
  }
  /// Only after the actor's task returned.
  long count() const { return count_.load(); }

 private:
  void handle(long delta) { count_.store(count_.load() + delta); }  // increment / decrement

  asyncio_loop<Sync>& loop_;
  asyncio_queue<Sync, std::optional<long>> inbox_;
  typename Sync::template var<bool> running_{false};
  typename Sync::template var<long> count_{0};
};

}  // namespace weft::models
