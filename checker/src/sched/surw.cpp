// Selectively uniform random walk (Zhao, Wolff, Mathur & Roychoudhury,
// "Selectively Uniform Concurrency Testing", ASPLOS 2025). A random walk
// that picks each thread with probability proportional to the number of
// events it has left samples the interleavings uniformly (the number of
// ways to finish from a state is a multinomial coefficient, and choosing
// thread t with weight r_t / Σr follows it exactly); the plain random walk
// instead favours interleavings that switch early and often, and rarely
// lets one thread run far ahead of the others, which order violations of
// depth >= 2 need.
//
// weft's events are scheduling points. The remaining count of thread t is
// estimated from the warm-up executions of the same scenario (the most
// points thread id t passed), minus the points it passed so far; a thread
// that outlives its estimate keeps weight 1.
//
// The selection of events: weft's events are only the visible operations
// (atomics, locks, condition variables, semaphores, yields); plain memory
// and thread-local work are not scheduling points, so they neither count
// nor dilute the weights. The paper's further restriction to a randomly
// chosen subset of interesting events per execution is not implemented.
#include <algorithm>
#include <vector>

#include "rng.hpp"
#include "strategy.hpp"

namespace weft::detail {
namespace {

class selectively_uniform_walk final : public strategy {
 public:
  selectively_uniform_walk(std::uint64_t seed, const execution_profile& profile)
      : seed_(seed), estimate_(profile.thread_steps) {}

  bool begin_execution(std::uint64_t iteration) override {
    rng_.reseed(iteration_seed(seed_, iteration));
    return true;
  }

  std::uint32_t pick_thread(std::span<const std::uint32_t> enabled, std::uint32_t,
                            std::span<const thread_info> threads) override {
    weights_.resize(enabled.size());
    std::uint64_t total = 0;
    for (std::size_t i = 0; i < enabled.size(); ++i) {
      total += weights_[i] = weight(enabled[i], threads[enabled[i]].steps);
    }
    std::uint64_t draw = rng_.below(total);
    for (std::size_t i = 0; i < enabled.size(); ++i) {
      if (draw < weights_[i]) return enabled[i];
      draw -= weights_[i];
    }
    return enabled.back();
  }

  std::uint64_t pick_value(std::uint64_t bound) override { return rng_.below(bound); }

 private:
  std::uint64_t weight(std::uint32_t t, std::uint32_t done) const {
    const std::uint64_t expected = t < estimate_.size() ? estimate_[t] : 1;
    return expected > done ? expected - done : 1;
  }

  std::uint64_t seed_;
  std::vector<std::uint64_t> estimate_;
  rng rng_;
  std::vector<std::uint64_t> weights_;
};

}  // namespace

std::unique_ptr<strategy> make_surw_strategy(std::uint64_t seed, const execution_profile& profile) {
  return std::make_unique<selectively_uniform_walk>(seed, profile);
}

}  // namespace weft::detail
