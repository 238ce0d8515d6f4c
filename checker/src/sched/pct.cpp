// PCT (Burckhardt et al., ASPLOS 2010): threads get random distinct
// priorities; the highest-priority enabled thread runs; at d-1 change points
// drawn uniformly over the expected execution length, the running thread
// drops below every initial priority. A bug of depth d is found with
// probability at least 1/(n·k^(d-1)) per execution.
//
// Departure from the paper: a thread that yields (spin loops, back-off) drops
// to the lowest priority, so a spinning high-priority thread cannot starve the
// thread it waits for (the paper assumes no busy-waiting); and once the
// runtime suspects a livelock, the rest of the execution picks at random
// (strategy::on_livelock_suspected).
#include <algorithm>
#include <vector>

#include "rng.hpp"
#include "strategy.hpp"

namespace weft::detail {
namespace {

class pct final : public strategy {
 public:
  pct(std::uint64_t seed, unsigned depth, std::uint64_t expected_steps)
      : seed_(seed), depth_(std::max(depth, 1u)), expected_steps_(std::max<std::uint64_t>(expected_steps, 1)) {}

  bool begin_execution(std::uint64_t iteration) override {
    rng_.reseed(iteration_seed(seed_, iteration));
    priorities_.clear();
    change_points_.clear();
    for (unsigned i = 1; i < depth_; ++i) change_points_.push_back(1 + rng_.below(expected_steps_));
    std::sort(change_points_.begin(), change_points_.end());
    step_ = 0;
    next_low_ = -1;
    at_random_ = false;
    return true;
  }

  void on_spawn(std::uint32_t thread) override {
    if (priorities_.size() <= thread) priorities_.resize(thread + 1, 0);
    // Initial priorities are positive and distinct with high probability;
    // lowered ones are negative.
    priorities_[thread] = static_cast<std::int64_t>(rng_.below(1ULL << 40)) + 1;
  }

  void on_yield(std::uint32_t thread) override { lower(thread); }
  void on_livelock_suspected() override { at_random_ = true; }

  std::uint32_t pick_thread(std::span<const std::uint32_t> enabled, std::uint32_t current,
                            std::span<const thread_info>) override {
    ++step_;
    if (at_random_) return enabled[rng_.below(enabled.size())];
    while (!change_points_.empty() && change_points_.front() <= step_) {
      change_points_.erase(change_points_.begin());
      if (current != ~std::uint32_t{0}) lower(current);
    }
    std::uint32_t best = enabled[0];
    for (std::uint32_t t : enabled) {
      if (priority(t) > priority(best)) best = t;
    }
    return best;
  }

  std::uint64_t pick_value(std::uint64_t bound) override { return rng_.below(bound); }

 private:
  std::int64_t priority(std::uint32_t t) const { return t < priorities_.size() ? priorities_[t] : 0; }
  void lower(std::uint32_t t) {
    if (priorities_.size() <= t) priorities_.resize(t + 1, 0);
    priorities_[t] = next_low_--;
  }

  std::uint64_t seed_;
  unsigned depth_;
  std::uint64_t expected_steps_;
  rng rng_;
  std::vector<std::int64_t> priorities_;
  std::vector<std::uint64_t> change_points_;
  std::uint64_t step_ = 0;
  std::int64_t next_low_ = -1;
  bool at_random_ = false;  // a livelock suspected: priorities kept threads in lockstep
};

}  // namespace

std::unique_ptr<strategy> make_pct_strategy(std::uint64_t seed, unsigned depth, std::uint64_t expected_steps) {
  return std::make_unique<pct>(seed, depth, expected_steps);
}

}  // namespace weft::detail
