// replay.hpp — the strategy that follows a recorded schedule, and tells
// when the code under test no longer offers the recorded choices.
#pragma once

#include <string>
#include <vector>

#include "strategy.hpp"

namespace weft::detail {

class replay_strategy final : public strategy {
 public:
  explicit replay_strategy(std::vector<std::uint64_t> decisions) : decisions_(std::move(decisions)) {}
  bool begin_execution(std::uint64_t) override { return true; }
  std::uint32_t pick_thread(std::span<const std::uint32_t> enabled, std::uint32_t current,
                            std::span<const thread_info> threads) override;
  std::uint64_t pick_value(std::uint64_t bound) override;
  /// Empty while the run followed the schedule; else what diverged.
  const std::string& divergence() const { return divergence_; }
  bool ran_out() const { return pos_ > decisions_.size(); }
  bool used_all() const { return pos_ >= decisions_.size(); }

 private:
  std::vector<std::uint64_t> decisions_;
  std::size_t pos_ = 0;
  std::string divergence_;
};

}  // namespace weft::detail
