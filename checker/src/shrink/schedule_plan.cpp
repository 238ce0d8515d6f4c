#include "schedule_plan.hpp"

#include <algorithm>

namespace weft::detail {
namespace {

bool is_enabled(std::span<const std::uint32_t> enabled, std::uint32_t t) {
  return std::find(enabled.begin(), enabled.end(), t) != enabled.end();
}

}  // namespace

std::uint32_t plan_recorder::pick_thread(std::span<const std::uint32_t> enabled, std::uint32_t current,
                                         std::span<const thread_info> threads) {
  const std::uint32_t next = replay_.pick_thread(enabled, current, threads);
  if (current == no_thread) {
    plan_.successors.push_back(next);
  } else if (next != current) {
    plan_.preemptions.push_back({current, threads[current].steps, next});
  }
  return next;
}

std::uint64_t plan_recorder::pick_value(std::uint64_t bound) {
  const std::uint64_t v = replay_.pick_value(bound);
  plan_.values.push_back(v);
  return v;
}

plan_strategy::plan_strategy(const schedule_plan& plan) : successors_(plan.successors), values_(plan.values) {
  for (const preemption_anchor& a : plan.preemptions) anchors_.emplace(std::pair{a.thread, a.steps}, a.target);
}

std::uint32_t plan_strategy::pick_thread(std::span<const std::uint32_t> enabled, std::uint32_t current,
                                         std::span<const thread_info> threads) {
  if (current != no_thread) {
    const auto a = anchors_.find({current, threads[current].steps});
    return a != anchors_.end() && is_enabled(enabled, a->second) ? a->second : current;
  }
  if (next_successor_ < successors_.size()) {
    const std::uint32_t wanted = successors_[next_successor_++];
    if (is_enabled(enabled, wanted)) return wanted;
  }
  return enabled[0];
}

std::uint64_t plan_strategy::pick_value(std::uint64_t bound) {
  const std::size_t at = next_value_++;
  return at < values_.size() && values_[at] < bound ? values_[at] : 0;
}

}  // namespace weft::detail
