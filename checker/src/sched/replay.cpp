#include "replay.hpp"

#include <algorithm>

namespace weft::detail {

std::uint32_t replay_strategy::pick_thread(std::span<const std::uint32_t> enabled, std::uint32_t current,
                                           std::span<const thread_info>) {
  const std::size_t at = pos_++;
  if (at < decisions_.size()) {
    const auto wanted = static_cast<std::uint32_t>(decisions_[at]);
    if (std::find(enabled.begin(), enabled.end(), wanted) != enabled.end()) return wanted;
    if (divergence_.empty()) {
      divergence_ = "decision " + std::to_string(at) + ": thread " + std::to_string(wanted) +
                    " is not enabled";
    }
  }
  // Past the end of the schedule (or diverged): keep the current thread if it can run.
  return std::find(enabled.begin(), enabled.end(), current) != enabled.end() ? current : enabled[0];
}

std::uint64_t replay_strategy::pick_value(std::uint64_t bound) {
  const std::size_t at = pos_++;
  if (at < decisions_.size()) {
    if (decisions_[at] < bound) return decisions_[at];
    if (divergence_.empty()) {
      divergence_ = "decision " + std::to_string(at) + ": value " + std::to_string(decisions_[at]) +
                    " out of range " + std::to_string(bound);
    }
  }
  return 0;
}

}  // namespace weft::detail
