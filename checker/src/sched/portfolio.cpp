// The default portfolio: iteration i runs random walk, PCT(d=2) or PCT(d=3)
// by i mod 3, so each iteration stays reproducible on its own and the run
// gets both the breadth of random walk and PCT's guarantees for shallow bugs.
#include <array>

#include "strategy.hpp"

namespace weft::detail {
namespace {

class portfolio final : public strategy {
 public:
  portfolio(std::uint64_t seed, std::uint64_t expected_steps)
      : members_{make_random_strategy(seed), make_pct_strategy(seed, 2, expected_steps),
                 make_pct_strategy(seed, 3, expected_steps)} {}
  bool begin_execution(std::uint64_t iteration) override {
    active_ = members_[iteration % members_.size()].get();
    return active_->begin_execution(iteration);
  }
  std::uint32_t pick_thread(std::span<const std::uint32_t> enabled, std::uint32_t current) override {
    return active_->pick_thread(enabled, current);
  }
  std::uint64_t pick_value(std::uint64_t bound) override { return active_->pick_value(bound); }
  void on_spawn(std::uint32_t t) override { active_->on_spawn(t); }
  void on_yield(std::uint32_t t) override { active_->on_yield(t); }
  void end_execution(std::uint64_t steps) override { active_->end_execution(steps); }

 private:
  std::array<std::unique_ptr<strategy>, 3> members_;
  strategy* active_ = nullptr;
};

}  // namespace

std::unique_ptr<strategy> make_portfolio_strategy(std::uint64_t seed, std::uint64_t expected_steps) {
  return std::make_unique<portfolio>(seed, expected_steps);
}

}  // namespace weft::detail
