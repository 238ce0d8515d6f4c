// weft/detectors.hpp — which detectors a run reports: one per finding kind.
//
// weft::options::detect holds the set; `weft run --detect=-data_race,...`
// parses one with parse_detectors. A kind (or a sub-kind, "misuse/relock")
// turned off is not reported (its findings are dropped, not counted);
// data_race and lock_order_inversion turned off also skip their
// bookkeeping, so they cost nothing.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "weft/result.hpp"

namespace weft {

/// A set of finding kinds and sub-kinds: the detectors that report. All on
/// by default. A kind's bit says whether any of its findings may be
/// reported; a sub-kind's bit whether the findings of that sub-kind are.
class detector_set {
 public:
  bool enabled(finding_kind k) const { return (mask_ & bit(k)) != 0; }
  bool enabled(finding_subkind s) const { return (mask_ & bit(s)) != 0; }
  /// Whether a finding like `f` (its kind and sub-kind) is reported.
  bool reports(const finding& f) const {
    return enabled(f.kind) && (f.subkind == finding_subkind::none || enabled(f.subkind));
  }
  /// A kind on or off, with all its sub-kinds.
  void enable(finding_kind k);
  void disable(finding_kind k);
  /// A sub-kind on (and its kind, so that "-misuse,+misuse/relock" reports
  /// only relocks) or off (its kind's other sub-kinds stay as they are).
  void enable(finding_subkind s) { mask_ |= bit(s) | bit(kind_of(s)); }
  void disable(finding_subkind s) { mask_ &= ~bit(s); }
  bool all_enabled() const { return mask_ == all; }
  bool operator==(const detector_set&) const = default;

 private:
  static constexpr std::uint64_t all = ~std::uint64_t{0};
  static constexpr unsigned subkind_bits = 32;  // kinds take bits 0..31, sub-kinds 32..63
  static std::uint64_t bit(finding_kind k) { return std::uint64_t{1} << static_cast<unsigned>(k); }
  static std::uint64_t bit(finding_subkind s) {
    return std::uint64_t{1} << (subkind_bits + static_cast<unsigned>(s));
  }
  std::uint64_t mask_ = all;
};

/// The kinds a user can turn on and off: those the controlled scheduler
/// reports (not nondeterminism, which only replay reports, nor the kinds of
/// the stress and ThreadSanitizer backends).
const std::vector<finding_kind>& switchable_detectors();
/// The switchable kinds and their sub-kinds, comma-separated (for messages
/// that list what a user may write).
std::string switchable_names();

/// Parses a comma-separated list: "-kind" turns a detector off, "+kind" on,
/// a bare "kind" keeps only the bare kinds named (plus any "+kind"); "all"
/// stands for every switchable kind ("-all,+deadlock"). A sub-kind
/// ("-misuse/relock") works like a kind but touches only its findings. Throws
/// std::invalid_argument with a one-line message on an unknown kind or an
/// empty item.
detector_set parse_detectors(std::string_view spec);

}  // namespace weft
