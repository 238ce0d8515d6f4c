// The default portfolio: iteration i runs member i mod n, so each iteration
// stays reproducible on its own (and under --jobs) and a run gets the
// strengths of every member. The members, POS and PCT(3), are the mix that
// the bug benchmark (docs/strategies.md) ranks first: together they find
// every program within 10,000 executions with the lowest median on bugs of
// depth >= 2. PCT contributes the long ordered chains (one thread running
// far ahead of another, among many decoys) that POS misses; POS the racy
// multi-thread interleavings (ABA, lock cycles of many threads, two-stage
// with 100 threads) where PCT's few change points do not reach.
#include <vector>

#include "strategy.hpp"

namespace weft::detail {
namespace {

class portfolio final : public strategy {
 public:
  explicit portfolio(std::vector<std::unique_ptr<strategy>> members) : members_(std::move(members)) {}
  bool begin_execution(std::uint64_t iteration) override {
    active_ = members_[iteration % members_.size()].get();
    return active_->begin_execution(iteration);
  }
  std::uint32_t pick_thread(std::span<const std::uint32_t> enabled, std::uint32_t current,
                            std::span<const thread_info> threads) override {
    return active_->pick_thread(enabled, current, threads);
  }
  std::uint64_t pick_value(std::uint64_t bound) override { return active_->pick_value(bound); }
  void on_spawn(std::uint32_t t) override { active_->on_spawn(t); }
  void on_yield(std::uint32_t t) override { active_->on_yield(t); }
  void on_livelock_suspected() override { active_->on_livelock_suspected(); }
  void end_execution(std::uint64_t decisions, std::span<const thread_info> threads) override {
    active_->end_execution(decisions, threads);
  }

 private:
  std::vector<std::unique_ptr<strategy>> members_;
  strategy* active_ = nullptr;
};

}  // namespace

std::unique_ptr<strategy> make_portfolio_strategy(std::uint64_t seed, const execution_profile& profile) {
  std::vector<std::unique_ptr<strategy>> members;
  members.push_back(make_pos_strategy(seed));
  members.push_back(make_pct_strategy(seed, 3, profile.longest));
  return std::make_unique<portfolio>(std::move(members));
}

}  // namespace weft::detail
