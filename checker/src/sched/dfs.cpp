// Bounded DFS (iterative context bounding, Musuvathi & Qadeer, PLDI 2007):
// stateless depth-first search over the scheduling decisions, replaying the
// prefix of the previous execution and taking the next untried alternative at
// the deepest decision; schedules with more than `bound` preemptions
// (switching away from a thread that could have continued) are skipped.
// Exhaustive for small scenarios: exhausted() says when the space is done.
#include <algorithm>
#include <vector>

#include "strategy.hpp"

namespace weft::detail {
namespace {

class bounded_dfs final : public strategy {
  struct decision {
    std::vector<std::uint32_t> options;  // thread ids, current first; or 0..n-1 for values
    std::uint32_t chosen = 0;
    std::uint32_t current = 0;
    bool current_enabled = false;
    bool is_value = false;
    unsigned preemptions_before = 0;
    bool preempts(std::uint32_t index) const {
      return !is_value && current_enabled && options[index] != current;
    }
    unsigned preemptions_after() const { return preemptions_before + (preempts(chosen) ? 1 : 0); }
  };

 public:
  explicit bounded_dfs(unsigned bound) : bound_(bound) {}

  bool begin_execution(std::uint64_t) override {
    pos_ = 0;
    return !exhausted_;
  }

  std::uint32_t pick_thread(std::span<const std::uint32_t> enabled, std::uint32_t current) override {
    if (pos_ < stack_.size()) {
      const decision& d = stack_[pos_++];
      return d.options[d.chosen];
    }
    decision d;
    d.current = current;
    d.current_enabled = std::find(enabled.begin(), enabled.end(), current) != enabled.end();
    if (d.current_enabled) d.options.push_back(current);
    for (std::uint32_t t : enabled) {
      if (t != current) d.options.push_back(t);
    }
    return push(std::move(d));
  }

  std::uint64_t pick_value(std::uint64_t bound) override {
    if (pos_ < stack_.size()) return stack_[pos_++].chosen;
    decision d;
    d.is_value = true;
    d.options.resize(bound);
    return push(std::move(d));
  }

  void end_execution(std::uint64_t) override {
    stack_.resize(std::min<std::size_t>(stack_.size(), pos_));
    while (!stack_.empty()) {
      decision& d = stack_.back();
      for (std::uint32_t next = d.chosen + 1; next < d.options.size(); ++next) {
        if (d.preemptions_before + (d.preempts(next) ? 1 : 0) <= bound_) {
          d.chosen = next;
          return;
        }
      }
      stack_.pop_back();
    }
    exhausted_ = true;
  }

  bool exhausted() const override { return exhausted_; }

 private:
  std::uint32_t push(decision d) {
    d.preemptions_before = stack_.empty() ? 0 : stack_.back().preemptions_after();
    stack_.push_back(std::move(d));
    ++pos_;
    const decision& top = stack_.back();
    return top.is_value ? top.chosen : top.options[top.chosen];
  }

  unsigned bound_;
  std::vector<decision> stack_;
  std::size_t pos_ = 0;
  bool exhausted_ = false;
};

}  // namespace

std::unique_ptr<strategy> make_dfs_strategy(unsigned preemption_bound) {
  return std::make_unique<bounded_dfs>(preemption_bound);
}

}  // namespace weft::detail
