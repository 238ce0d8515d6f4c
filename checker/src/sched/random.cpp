// Random walk: every enabled thread equally likely at every scheduling point.
#include "rng.hpp"
#include "strategy.hpp"

namespace weft::detail {
namespace {

class random_walk final : public strategy {
 public:
  explicit random_walk(std::uint64_t seed) : seed_(seed) { uniform = &rng_; }
  bool begin_execution(std::uint64_t iteration) override {
    rng_.reseed(iteration_seed(seed_, iteration));
    return true;
  }
  std::uint32_t pick_thread(std::span<const std::uint32_t> enabled, std::uint32_t,
                            std::span<const thread_info>) override {
    return uniform_pick(rng_, enabled);
  }
  std::uint64_t pick_value(std::uint64_t bound) override { return rng_.below(bound); }

 private:
  std::uint64_t seed_;
  rng rng_;
};

}  // namespace

std::unique_ptr<strategy> make_random_strategy(std::uint64_t seed) {
  return std::make_unique<random_walk>(seed);
}

}  // namespace weft::detail
