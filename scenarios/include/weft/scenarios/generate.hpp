// weft/scenarios/generate.hpp — RapidCheck generators as weft workload
// sources: draw parameters from a seed and a size, describe them, and hand
// back RapidCheck's shrinks so `weft run --generate` can minimise a failing
// workload.
#pragma once

#include <rapidcheck.h>

#include <cstdint>
#include <string>
#include <vector>

#include "weft/model_scenario.hpp"
#include "weft/scenarios/describe.hpp"

namespace weft::scenarios {

namespace detail {
template <class P>
params_sample<P> sample_of(const rc::Shrinkable<P>& s) {
  params_sample<P> out;
  out.value = s.value();
  out.description = describe(out.value);
  out.shrinks = [s] {
    std::vector<params_sample<P>> smaller;
    auto seq = s.shrinks();
    while (auto next = seq.next()) {
      smaller.push_back(sample_of(*next));
      if (smaller.size() >= 32) break;  // the first shrinks are the big steps
    }
    return smaller;
  };
  return out;
}
}  // namespace detail

/// A workload source drawing from `gen`: seed s and size n always give the same parameters.
template <class P>
params_source<P> sample_with(rc::Gen<P> gen) {
  return [gen](std::uint64_t seed, int size) {
    const rc::Random random(rc::Random::Key{seed, seed ^ 0x9e3779b97f4a7c15ULL, ~seed, seed * 31});
    return detail::sample_of(gen(random, size));
  };
}

}  // namespace weft::scenarios
