// weft/detectors.hpp — which detectors a run reports: one per finding kind.
//
// weft::options::detect holds the set; `weft run --detect=-data_race,...`
// parses one with parse_detectors. A kind turned off is not reported (its
// findings are dropped, not counted); data_race and lock_order_inversion
// turned off also skip their bookkeeping, so they cost nothing.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "weft/result.hpp"

namespace weft {

/// A set of finding kinds: the detectors that report. All on by default.
class detector_set {
 public:
  bool enabled(finding_kind k) const { return (mask_ >> static_cast<unsigned>(k) & 1u) != 0; }
  void enable(finding_kind k) { mask_ |= bit(k); }
  void disable(finding_kind k) { mask_ &= ~bit(k); }
  bool all_enabled() const { return mask_ == all; }
  bool operator==(const detector_set&) const = default;

 private:
  static constexpr std::uint64_t all = ~std::uint64_t{0};
  static std::uint64_t bit(finding_kind k) { return std::uint64_t{1} << static_cast<unsigned>(k); }
  std::uint64_t mask_ = all;
};

/// The kinds a user can turn on and off: those the controlled scheduler
/// reports (not nondeterminism, which only replay reports, nor the kinds of
/// the stress and ThreadSanitizer engines).
const std::vector<finding_kind>& switchable_detectors();

/// Parses a comma-separated list: "-kind" turns a detector off, "+kind" on,
/// a bare "kind" keeps only the bare kinds named (plus any "+kind"); "all"
/// stands for every switchable kind ("-all,+deadlock"). Throws
/// std::invalid_argument with a one-line message on an unknown kind or an
/// empty item.
detector_set parse_detectors(std::string_view spec);

}  // namespace weft
