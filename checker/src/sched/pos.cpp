// Partial order sampling (Yuan, Yang & Gu, "Partial Order Aware Concurrency
// Sampling", CAV 2018). Every thread's pending operation carries a random
// priority and the highest-priority enabled thread runs. After it ran, its
// new pending operation gets a fresh priority (a new event), and so does
// every other thread whose pending operation conflicts with the one just
// executed (same object, at least one write or synchronisation): racing
// operations are re-ordered at random, independent ones keep their order.
// This samples partial orders far more evenly than a random walk, which
// over-samples the interleavings that differ only in independent steps.
#include <vector>

#include "rng.hpp"
#include "strategy.hpp"
#include "weft/detail/runtime.hpp"

namespace weft::detail {
namespace {

class partial_order_sampling final : public strategy {
 public:
  explicit partial_order_sampling(std::uint64_t seed) : seed_(seed) {}

  bool begin_execution(std::uint64_t iteration) override {
    rng_.reseed(iteration_seed(seed_, iteration));
    priorities_.clear();
    ran_ = no_thread;
    return true;
  }

  void on_spawn(std::uint32_t thread) override {
    if (priorities_.size() <= thread) priorities_.resize(thread + 1);
    priorities_[thread] = rng_.next();
  }

  std::uint32_t pick_thread(std::span<const std::uint32_t> enabled, std::uint32_t,
                            std::span<const thread_info> threads) override {
    redraw_after(threads);
    std::uint32_t best = enabled[0];
    for (std::uint32_t t : enabled) {
      if (priority(t) > priority(best)) best = t;
    }
    ran_ = best;
    executed_ = threads[best].next;
    return best;
  }

  std::uint64_t pick_value(std::uint64_t bound) override { return rng_.below(bound); }

 private:
  // The thread chosen last time has executed `executed_` (and possibly more
  // steps alone): its pending operation is new, and the racing ones move.
  void redraw_after(std::span<const thread_info> threads) {
    if (ran_ == no_thread) return;
    for (std::uint32_t t = 0; t < threads.size() && t < priorities_.size(); ++t) {
      if (t == ran_ || conflicts(threads[t].next, executed_)) priorities_[t] = rng_.next();
    }
  }

  std::uint64_t priority(std::uint32_t t) const { return t < priorities_.size() ? priorities_[t] : 0; }

  std::uint64_t seed_;
  rng rng_;
  std::vector<std::uint64_t> priorities_;
  std::uint32_t ran_ = no_thread;
  pending_op executed_;
};

}  // namespace

std::unique_ptr<strategy> make_pos_strategy(std::uint64_t seed) {
  return std::make_unique<partial_order_sampling>(seed);
}

}  // namespace weft::detail
