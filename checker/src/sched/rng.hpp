// rng.hpp — small, fast, seedable randomness for strategies (splitmix64 to
// derive per-iteration seeds, xoshiro256** to draw).
#pragma once

#include <cstdint>

namespace weft::detail {

constexpr std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

/// The seed of iteration i of a run seeded s: each iteration is reproducible on its own.
constexpr std::uint64_t iteration_seed(std::uint64_t run_seed, std::uint64_t iteration) {
  return splitmix64(run_seed ^ splitmix64(iteration + 0x5eedULL));
}

class rng {
 public:
  explicit rng(std::uint64_t seed = 1) { reseed(seed); }
  void reseed(std::uint64_t seed) {
    for (auto& word : s_) word = seed = splitmix64(seed);
  }
  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }
  /// Uniform in [0, bound), bound > 0 (Lemire's multiply-shift; the bias is negligible here).
  std::uint64_t below(std::uint64_t bound) {
    __extension__ using u128 = unsigned __int128;
    return static_cast<std::uint64_t>((static_cast<u128>(next()) * bound) >> 64);
  }

 private:
  static constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4]{};
};

}  // namespace weft::detail
