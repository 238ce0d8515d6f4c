// weft/scenarios/pipe.hpp — the pipe family's scenario template (shape of
// weft/scenario_shape.hpp): 000's Pipe sender and receiver processes.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "weft/assert.hpp"
#include "weft/models/pipe.hpp"

namespace weft::scenarios {

struct pipe_params {
  std::size_t messages = 3;  // "消息1", "消息2", "消息3"
};

/// 000 §3.2: the receiver gets every message and then EOF. Thread 0 is the
/// sender process, thread 1 the receiver process.
template <class Sync>
struct pipe_eof_hang {
  using params = pipe_params;
  explicit pipe_eof_hang(const params& p) : p_(p) {
    for (std::size_t k = 0; k < p.messages; ++k) messages_.push_back("msg" + std::to_string(k + 1) + ";");
  }
  std::size_t thread_count() const { return 2; }
  void thread(std::size_t i) {
    if (i == 0) {
      pipe_.sender(messages_);
    } else {
      received_.store(pipe_.receiver());
    }
  }
  void check() {
    std::string all;
    for (const auto& m : messages_) all += m;
    WEFT_ASSERT(received_.load() == all, "the receiver did not get every message");
  }

 private:
  params p_;
  std::vector<std::string> messages_;  // written before the threads start, then read only
  models::pipe_sender_receiver<Sync> pipe_;
  typename Sync::template var<std::string> received_;
};

}  // namespace weft::scenarios
